package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.study.StudyTimeline;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

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
        Engine.getInstance().setRandomSeed((int) run.seed());
        Network network = run.architecture().build(networkConfig());
        Splits splits = "fashion".equals(run.dataset()) ? fashionMnist() : phantoms(run);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            List<TrainingListener> monitors = monitors(run, folder, network, splits.validation(), resources);
            train(run, network, splits.train(), monitors.toArray(TrainingListener[]::new));
        } finally {
            closeAll(resources);
        }
    }

    /**
     * The main monitor, with its alert engine writing into its timeline, then one monitor per
     * swept gold threshold. Each monitor runs its own shared pass: the sweep costs one pass and
     * its techniques again per threshold, nothing more (docs/experiments.md, "Tau sweep").
     */
    private List<TrainingListener> monitors(StudyPlan.Run run, Path folder, Network network,
            LabeledDataset validation, List<AutoCloseable> resources) {
        List<TrainingListener> monitors = new ArrayList<>();
        TimelineWriter writer = TimelineWriter.create(folder.resolve(TIMELINE));
        resources.add(writer);
        AlertEngine alerts = AlertEngine.builder().optListener(writer::append).build();
        CScoreMonitor main = monitor(run, network, validation, plan.goldThreshold(), plan.techniques())
                .optSink("timeline", writer)
                .optSink("alerts", alerts)
                .optSink("progress", result -> progress(run, result))
                .build();
        alerts.attach(main);
        resources.add(0, main);
        monitors.add(main);
        for (float tau : plan.tauSweep()) {
            TimelineWriter sweepWriter = TimelineWriter.create(folder.resolve(StudyPlan.tauFileName(tau)));
            resources.add(sweepWriter);
            CScoreMonitor extra = monitor(run, network, validation, tau, plan.tauTechniques())
                    .optSink("timeline", sweepWriter)
                    .build();
            resources.add(0, extra);
            monitors.add(extra);
        }
        return monitors;
    }

    /** One line per checkpoint of the main monitor, so a long study shows where it is. */
    private void progress(StudyPlan.Run run, CheckpointResult result) {
        out.printf(Locale.ROOT, "  %s epoch %d %s: macro AUC %.3f, gold %s, %.1f s%n", run.id(), result.epoch(),
                result.phase().label(), result.macroAuc(),
                result.classes().stream().map(c -> Integer.toString(c.goldSize())).toList(), result.seconds());
        out.flush();
    }

    private CScoreMonitorBuilder monitor(StudyPlan.Run run, Network network,
            LabeledDataset validation, float tau, List<Technique> techniques) {
        return CScoreMonitor.builder()
                .setValidationData(validation)
                .setNetwork(network)
                .optTechniques(techniques.toArray(Technique[]::new))
                .optSamplePerClass(plan.samplePerClass())
                .optCScore(CScoreConfig.builder().optGoldThreshold(tau).build())
                .optScoreCam(plan.scoreCam())
                .optSeed(run.seed())
                .optRunName(run.id());
    }

    /**
     * A transfer phase with the backbone frozen, then fine-tuning. In the collapse scenario the
     * fine-tuning switches to the collapse learning rate after {@code collapseAfter} epochs. Every
     * phase and every change of rate gets a trainer and an Adam of its own (see PhaseTraining).
     */
    private void train(StudyPlan.Run run, Network network, RandomAccessDataset train, TrainingListener[] monitors)
            throws IOException, TranslateException {
        try (Model model = Model.newInstance(network.name())) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            if (plan.backbone() != null) {
                network.loadBackbone(plan.backbone(), model.getNDManager());
            }
            if (plan.transferEpochs() > 0) {
                network.freezeBackbone(true);
                PhaseTraining.fit(model, train, plan.transferEpochs(), plan.learningRate(), monitors);
                network.freezeBackbone(false);
            }
            if ("collapse".equals(run.scenario())) {
                if (plan.collapseAfter() > 0) {
                    PhaseTraining.fit(model, train, plan.collapseAfter(), plan.learningRate(), monitors);
                }
                collapse(model, train, monitors);
            } else {
                PhaseTraining.fit(model, train, plan.finetuneEpochs(), plan.learningRate(), monitors);
            }
        }
    }

    /**
     * The too-high rate, multiplied by the growth factor after every epoch: a growth of 1 is one
     * constant rate, above 1 a schedule that goes wrong step by step, as a runaway warm-up does.
     */
    private void collapse(Model model, RandomAccessDataset train, TrainingListener[] monitors)
            throws IOException, TranslateException {
        int epochs = plan.finetuneEpochs() - plan.collapseAfter();
        if (plan.collapseGrowth() == 1) {
            PhaseTraining.fit(model, train, epochs, plan.collapseLearningRate(), monitors);
            return;
        }
        float rate = plan.collapseLearningRate();
        for (int epoch = 0; epoch < epochs; epoch++) {
            PhaseTraining.fit(model, train, 1, rate, monitors);
            rate *= plan.collapseGrowth();
        }
    }

    private NetworkConfig networkConfig() {
        return NetworkConfig.builder()
                .optInputSize(plan.input())
                .optNumClasses(2)
                .optWidthMultiplier(plan.width())
                .optMaxBlocksPerStage(2)
                .optStemDownsampling(plan.input() >= 160)
                .build();
    }

    /** The images a run trains on, and those its monitors draw their sample from. */
    private record Splits(RandomAccessDataset train, LabeledDataset validation) {}

    /** Phantoms of the run's seed, with the corner marker in the shortcut scenario; generated once. */
    private Splits phantoms(StudyPlan.Run run) throws IOException {
        double rate = "shortcut".equals(run.scenario()) ? plan.shortcutRate() : 0;
        String name = "phantoms-s" + run.seed() + (rate > 0 ? String.format(Locale.ROOT, "-shortcut%.2f", rate) : "");
        Path root = plan.out().resolve("data").resolve(name);
        ChestPhantoms phantoms = ChestPhantoms.builder()
                .optSeed(run.seed())
                .optImageSize(Math.max(plan.input(), 64))
                .optImagesPerClass(KermanyFolder.TRAIN, plan.trainPerClass())
                .optImagesPerClass(KermanyFolder.TEST, Math.max(plan.trainPerClass() / 4, 2))
                .optShortcutRate(rate)
                .build();
        if (Files.isDirectory(root.resolve(KermanyFolder.TRAIN.folderName()))
                && !phantoms.differencesFrom(root).isEmpty()) {
            throw new IllegalArgumentException(root + " holds phantoms made with other settings: "
                    + String.join(", ", phantoms.differencesFrom(root)) + "; delete it or choose another --out");
        }
        // Reused only if every image is as generated; otherwise generated again (docs/data.md).
        if (phantoms.prepare(root, line -> { }) == ChestPhantoms.Preparation.REGENERATED) {
            out.println("  generated " + root + " again: its images had been changed after they were generated");
        }
        return new Splits(kermany(root, run.seed(), KermanySubset.TRAIN, true),
                kermany(root, run.seed(), KermanySubset.VALIDATION, false));
    }

    private KermanyDataset kermany(Path root, long seed, KermanySubset split, boolean shuffle) throws IOException {
        return KermanyDataset.builder()
                .setRoot(root)
                .optSplit(split)
                .optImageSize(plan.input())
                .optValidationFraction(0.2f)
                .optSeed(seed)
                .setSampling(plan.batchSize(), shuffle)
                .build();
    }

    /** Two Fashion-MNIST classes: training images from the training file, validation from the test file. */
    private Splits fashionMnist() throws IOException {
        return new Splits(fashion(Dataset.Usage.TRAIN, plan.trainPerClass(), true),
                fashion(Dataset.Usage.TEST, Math.max(plan.trainPerClass() / 4, plan.samplePerClass()), false));
    }

    private FashionMnistIdx fashion(Dataset.Usage usage, int perClass, boolean shuffle) throws IOException {
        return FashionMnistIdx.builder()
                .optUsage(usage)
                .optClasses(plan.fashionClasses().toArray(String[]::new))
                .optLimitPerClass(perClass)
                .optImageSize(plan.input())
                .setSampling(plan.batchSize(), shuffle)
                .build();
    }

    /** Monitors first (they flush their last results into the writers), then the writers. */
    private static void closeAll(List<AutoCloseable> resources) throws IOException {
        IOException failure = null;
        for (AutoCloseable resource : resources) {
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
