package io.github.cscore.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.study.StudyTimeline;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;
import io.github.cscore.training.MonitoredTraining;
import io.github.cscore.training.MonitoredTrainingBuilder;
import io.github.cscore.training.TrainingDataSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the runs of a study: for each run that has no complete timeline yet, the data, a network,
 * and a transfer phase then fine-tuning with the monitor, its alert engine and the extra
 * monitors of the gold-threshold sweep attached.
 */
final class StudyRunner {

    /** The main timeline of a run. */
    static final String TIMELINE = "timeline.jsonl";
    /** One number: the run's wall-clock seconds, written when it completes. */
    static final String WALL_SECONDS = "wall-seconds.txt";

    private final StudyPlan plan;
    private final PrintWriter out;

    StudyRunner(StudyPlan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
        // On two shared cores, two OpenMP threads spin-wait for each other whenever another
        // process holds a core (an epoch took four times as long here); one thread does not.
        Engine.getInstance(); // loads the native library the next call needs
        JniUtils.setNumThreads(plan.threads());
    }

    /** The folder of one run. */
    Path folder(StudyPlan.Run run) {
        return plan.out().resolve("runs").resolve(run.id());
    }

    /**
     * Makes the run unless its timelines are complete.
     *
     * @return true if the run was made, false if it was complete already
     */
    boolean ensure(StudyPlan.Run run) throws IOException, TranslateException {
        Path folder = folder(run);
        if (isComplete(folder)) {
            return false;
        }
        long start = System.nanoTime();
        make(run, folder);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.writeString(folder.resolve(WALL_SECONDS), String.format(Locale.ROOT, "%.1f%n", seconds));
        return true;
    }

    /** Every timeline of the run exists and holds exactly the planned epochs 1..N. */
    boolean isComplete(Path folder) {
        List<Path> files = new ArrayList<>();
        files.add(folder.resolve(TIMELINE));
        plan.tauSweep().forEach(tau -> files.add(folder.resolve(StudyPlan.tauFileName(tau))));
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            List<Integer> epochs = Timeline.read(file).checkpoints().stream().map(CheckpointResult::epoch).toList();
            List<Integer> planned = new ArrayList<>();
            for (int epoch = 1; epoch <= plan.plannedCheckpoints(); epoch++) {
                planned.add(epoch);
            }
            if (!epochs.equals(planned)) {
                return false;
            }
        }
        return true;
    }

    /** Reads a complete run back for the analysis. */
    StudyTimeline load(StudyPlan.Run run) throws IOException {
        Path folder = folder(run);
        Map<Float, Timeline> sweep = new LinkedHashMap<>();
        for (float tau : plan.tauSweep()) {
            sweep.put(tau, Timeline.read(folder.resolve(StudyPlan.tauFileName(tau))));
        }
        Path wall = folder.resolve(WALL_SECONDS);
        double seconds = Files.isRegularFile(wall) ? Double.parseDouble(Files.readString(wall).trim()) : Double.NaN;
        return new StudyTimeline(run.id(), run.architecture().label(), run.dataset(), run.scenario(), run.seed(),
                Timeline.read(folder.resolve(TIMELINE)), sweep, seconds);
    }

    private void make(StudyPlan.Run run, Path folder) throws IOException, TranslateException {
        Network network = run.architecture().build(plan.networkConfig());
        MonitoredTrainingBuilder builder = MonitoredTraining.builder()
                .setNetwork(network)
                .setData(data(run))
                .setPlan(plan.trainingPlan(run.scenario()))
                .optSeed(run.seed())
                .optMonitor(plan.monitor().builder(run.seed(), run.id())
                        .optSink("progress", result -> progress(run, result)))
                .optTimeline(folder.resolve(TIMELINE))
                .optAlerts(AlertEngine.builder().build());
        if (plan.backbone() != null) {
            builder.optBackbone(plan.backbone());
        }
        List<TimelineWriter> sweep = new ArrayList<>();
        try {
            // One monitor per swept gold threshold, each running its own shared pass: the sweep
            // costs one pass and its techniques again per threshold (docs/experiments.md, "Tau sweep").
            for (float tau : plan.tauSweep()) {
                TimelineWriter writer = TimelineWriter.create(folder.resolve(StudyPlan.tauFileName(tau)));
                sweep.add(writer);
                builder.optSideMonitor(plan.monitor().with(tau, plan.tauTechniques()).builder(run.seed(), run.id())
                        .optSink("timeline", writer));
            }
            try (MonitoredTraining training = builder.build()) {
                training.run();
            }
        } finally {
            closeAll(sweep);
        }
    }

    /** One line per checkpoint of the main monitor, so a long study shows where it is. */
    private void progress(StudyPlan.Run run, CheckpointResult result) {
        out.printf(Locale.ROOT, "  %s epoch %d %s: macro AUC %.3f, gold %s, %.1f s%n", run.id(), result.epoch(),
                result.phase().label(), result.macroAuc(),
                result.classes().stream().map(c -> Integer.toString(c.goldSize())).toList(), result.seconds());
        out.flush();
    }

    /** Fashion-MNIST, or the phantoms of the run's seed (marked in the shortcut scenario), generated once. */
    private TrainingDataSource data(StudyPlan.Run run) {
        if ("fashion".equals(run.dataset())) {
            return RunData.fashionMnist(plan.fashionClasses(), plan.trainPerClass(), plan.monitor().samplePerClass(),
                    plan.input(), plan.batchSize());
        }
        double rate = "shortcut".equals(run.scenario()) ? plan.shortcutRate() : 0;
        String name = "phantoms-s" + run.seed() + (rate > 0 ? String.format(Locale.ROOT, "-shortcut%.2f", rate) : "");
        Path root = plan.out().resolve("data").resolve(name);
        ChestPhantoms phantoms = RunData.phantoms(run.seed(), plan.input(), plan.trainPerClass(), rate);
        TrainingDataSource kermany = RunData.kermany(root, plan.input(), run.seed(), plan.batchSize());
        return () -> {
            if (!RunData.hasPhantoms(root, phantoms)) {
                phantoms.writeTo(root);
            }
            return kermany.load();
        };
    }

    /** Closes the sweep's writers, which their monitors have closed already unless a monitor was never built. */
    private static void closeAll(List<TimelineWriter> resources) throws IOException {
        IOException failure = null;
        for (TimelineWriter resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
