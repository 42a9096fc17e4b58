package io.github.cscore.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.storage.Sha256;
import io.github.cscore.timeline.TimelineWriter;
import io.github.cscore.training.HeldOutEvaluation;
import io.github.cscore.training.MonitoredTraining;
import io.github.cscore.training.ScheduledData;
import io.github.cscore.training.TrainingData;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Makes one run of the study: its phantoms (marked ones too for the shortcut), the pretrained
 * backbone, the scaled ResNet50V2 trained by the scenario's plan with the monitor (a checkpoint
 * every few steps) and its default alerts attached, and the held-out evaluation at every
 * checkpoint. Writes {@code timeline.jsonl}, {@code heldout.jsonl} and, last, {@code run.properties}
 * (scenario, seed, the backbone's SHA-256, onset, steps per epoch), whose presence marks the run
 * complete.
 */
final class StudyRunner {

    static final String TIMELINE = "timeline.jsonl";
    static final String HELD_OUT = "heldout.jsonl";
    static final String RUN = "run.properties";
    /** The key in the run file of the SHA-256 of the backbone the run started from. */
    static final String BACKBONE_SHA256 = "backbone-sha256";

    private final StudyProtocol protocol;
    private final Path study;
    private final List<Technique> techniques;
    private final double monitorShare;
    private final Duration techniqueTimeout;
    private final PrintWriter out;
    private final Map<Path, String> backboneDigests = new HashMap<>();

    StudyRunner(StudyProtocol protocol, Path study, List<Technique> techniques, double monitorShare,
            Duration techniqueTimeout, int threads, PrintWriter out) {
        this.protocol = protocol;
        this.study = study;
        this.techniques = List.copyOf(techniques);
        this.monitorShare = monitorShare;
        this.techniqueTimeout = techniqueTimeout;
        this.out = out;
        // On two shared cores, two OpenMP threads spin-wait for each other whenever another
        // process holds a core; one thread per process does not.
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
    }

    /** The folder of one run. */
    Path folder(StudyRun run) {
        return study.resolve("runs").resolve(run.id());
    }

    /** A run is complete once its run file, written last, exists. */
    boolean isComplete(StudyRun run) {
        return Files.isRegularFile(folder(run).resolve(RUN));
    }

    /**
     * Makes what runs share, one after the other, before any run starts: each backbone and each
     * seed's phantoms. Runs made at once in other processes then only read them.
     */
    void prepare(List<StudyRun> runs) throws IOException, TranslateException {
        for (long pretrainSeed : runs.stream().map(StudyRun::pretrainSeed).distinct().toList()) {
            StudyBackbone.ensure(study, protocol.withPretrainSeed(pretrainSeed), out);
        }
        for (StudyRun run : runs) {
            phantoms(run.seed(), 0);
            if (run.scenario().isMarked()) {
                phantoms(run.seed(), 1);
            }
        }
    }

    /** Makes the run. */
    void make(StudyRun run) throws IOException, TranslateException {
        Path folder = folder(run);
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(RUN));
        long start = System.nanoTime();
        StudyProtocol settings = protocol.withPretrainSeed(run.pretrainSeed());
        Path backbone = StudyBackbone.ensure(study, settings, out);
        RunImages data = data(run);
        int stepsPerEpoch = (int) Math.ceil(data.training().train().size() / (double) protocol.batchSize());
        int onset = run.scenario().onsetStep(protocol, stepsPerEpoch);
        TrainingData training = scheduled(run, data, onset, stepsPerEpoch);
        try (MonitoredTraining monitored = MonitoredTraining.builder()
                .setNetwork(Architecture.RESNET50_V2.build(NetworkConfig.demo(protocol.input(), protocol.width(), 2)))
                .setData(training)
                .setPlan(run.scenario().plan(protocol, stepsPerEpoch))
                .optSeed(run.seed())
                .optBackbone(backbone)
                .optMonitor(CScoreMonitor.builder()
                        .optTechniques(techniques.toArray(Technique[]::new))
                        .optSamplePerClass(protocol.samplePerClass())
                        .optCheckpointEverySteps(protocol.checkpointEverySteps())
                        // 1, the protocol's: every technique at every checkpoint, no time budget.
                        .optMonitorShare(monitorShare)
                        .optTechniqueTimeout(techniqueTimeout)
                        .optSeed(run.seed())
                        .optRunName(run.id())
                        .optModelName("resnet50v2")
                        .optSink("progress", result -> progress(run, result)))
                .optTimeline(folder.resolve(TIMELINE))
                .optAlerts(AlertEngine.ofDefaults())
                .build();
                HeldOutEvaluation heldOut = new HeldOutEvaluation(monitored.monitor(), data.evaluation(),
                        ((LabeledDataset) data.evaluation()).labels(), folder.resolve(HELD_OUT))) {
            List<TrainingListener> listeners = new ArrayList<>();
            if (training.train() instanceof ScheduledData changing) {
                listeners.add(changing.stepCounter());
            }
            listeners.add(heldOut);
            monitored.run(listeners.toArray(TrainingListener[]::new));
            requireWholeTimeline(run, monitored.timeline().orElseThrow());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Written last and in one step: its presence marks the run complete.
        AtomicOutput.writeString(folder.resolve(RUN), String.format(Locale.ROOT, "scenario=%s%nseed=%d%nsplit=%s%n"
                + "pretrain-seed=%d%n%s=%s%nonset-step=%d%nsteps-per-epoch=%d%nwall-seconds=%.1f%n",
                run.scenario().label(), run.seed(), run.split().name().toLowerCase(Locale.ROOT), run.pretrainSeed(),
                BACKBONE_SHA256, Sha256.of(backbone), onset, stepsPerEpoch, seconds));
    }

    /**
     * A run whose timeline lost records would be summarised from what is left, or not at all:
     * it fails instead, naming the run, and stays incomplete for the next resume to make again.
     */
    static void requireWholeTimeline(StudyRun run, TimelineWriter timeline) throws IOException {
        if (timeline.failedWrites() > 0) {
            throw new IOException("run " + run.id() + ": the timeline " + timeline.path() + " is INCOMPLETE: "
                    + timeline.failedWrites() + " of " + (timeline.failedWrites() + timeline.written())
                    + " records could not be written (" + timeline.lastFailure() + ")");
        }
    }

    /**
     * A complete run made from another backbone than the one the study folder holds now would be
     * summarised with runs made from this one: refused, naming the run and the backbone. Runs
     * made before the backbone's digest was recorded, and a backbone not made yet, pass.
     *
     * @throws IllegalArgumentException if the recorded digest differs from the backbone file's
     */
    void requireSameBackbone(StudyRun run) throws IOException {
        if (!isComplete(run)) {
            return;
        }
        Properties made = new Properties();
        made.load(new StringReader(Files.readString(folder(run).resolve(RUN))));
        String recorded = made.getProperty(BACKBONE_SHA256);
        Path backbone = StudyBackbone.file(study, protocol.withPretrainSeed(run.pretrainSeed()));
        if (recorded == null || !Files.isRegularFile(backbone)) {
            return;
        }
        String now = backboneDigests.computeIfAbsent(backbone, StudyRunner::digest);
        if (!recorded.equals(now)) {
            throw new IllegalArgumentException("--out " + study + ": run " + run.id() + " was made from a backbone "
                    + "with SHA-256 " + recorded + ", but " + backbone + " now has " + now + "; delete the run's folder "
                    + "to make it again, or choose another --out");
        }
    }

    private static String digest(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backbone " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line per checkpoint, so that a long study shows where it is. */
    private void progress(StudyRun run, CheckpointResult result) {
        out.printf(Locale.ROOT, "  %s step %d: sample AUC %.3f, gold %s, %.1f s%n", run.id(), result.step(),
                result.macroAuc(), result.classes().stream().map(c -> Integer.toString(c.goldSize())).toList(),
                result.seconds());
        out.flush();
    }

    /** The run's training, validation and evaluation data, from its seed's phantoms. */
    private record RunImages(TrainingData training, RandomAccessDataset evaluation, RandomAccessDataset markedTrain) {}

    private RunImages data(StudyRun run) throws IOException {
        Path clean = phantoms(run.seed(), 0);
        if (!run.scenario().isMarked()) {
            return new RunImages(new TrainingData(subset(clean, run.seed(), KermanySubset.TRAIN, true),
                    (LabeledDataset) subset(clean, run.seed(), KermanySubset.VALIDATION, false)),
                    subset(clean, run.seed(), KermanySubset.TEST, false), null);
        }
        // The marker is in the monitor's validation sample from the start, as it would be in data
        // drawn from the same source, so the sample AUC cannot see a model that relies on it; the
        // ground truth is the AUC on held-out images without the marker.
        Path marked = phantoms(run.seed(), 1);
        return new RunImages(new TrainingData(subset(clean, run.seed(), KermanySubset.TRAIN, true),
                (LabeledDataset) subset(marked, run.seed(), KermanySubset.VALIDATION, false)),
                subset(clean, run.seed(), KermanySubset.TEST, false),
                subset(marked, run.seed(), KermanySubset.TRAIN, true));
    }

    /** The training data of the scenario: the same items as the healthy run's until the onset. */
    private TrainingData scheduled(StudyRun run, RunImages data, int onset, int stepsPerEpoch) {
        RandomAccessDataset train = data.training().train();
        RandomAccessDataset changing = switch (run.scenario()) {
            case LABEL_NOISE -> ScheduledData.labelNoise(train, protocol.batchSize(), run.seed(), onset,
                    protocol.noiseRampEpochs() * stepsPerEpoch, 0.5);
            case SHORTCUT -> ScheduledData.switchClass(train, data.markedTrain(), protocol.batchSize(), 1, onset);
            case MARKER_LABELS -> ScheduledData.markerLabels(train, data.markedTrain(), protocol.batchSize(), run.seed(),
                    1, onset, protocol.noiseRampEpochs() * stepsPerEpoch, 0.5);
            default -> train;
        };
        return new TrainingData(changing, data.training().validation());
    }

    /** The phantoms of a seed, clean or with the marker on every PNEUMONIA image; generated once. */
    private Path phantoms(long seed, double shortcutRate) throws IOException {
        Path root = study.resolve("data").resolve("phantoms-s" + seed + (shortcutRate > 0 ? "-marked" : ""));
        ChestPhantoms phantoms = ChestPhantoms.builder()
                .optSeed(seed)
                .optImageSize(Math.max(protocol.input(), 64))
                .optImagesPerClass(KermanyFolder.TRAIN, protocol.trainPerClass())
                .optImagesPerClass(KermanyFolder.TEST, protocol.evaluationPerClass())
                .optShortcutRate(shortcutRate)
                .build();
        // Reused only if every image is as generated; otherwise generated again (docs/data.md).
        phantoms.prepare(root, line -> { });
        return root;
    }

    private KermanyDataset subset(Path root, long seed, KermanySubset subset, boolean shuffle) throws IOException {
        return KermanyDataset.builder()
                .setRoot(root)
                .optSubset(subset)
                .optImageSize(protocol.input())
                .optValidationFraction(StudyProtocol.VALIDATION_FRACTION)
                .optSeed(seed)
                .setSampling(protocol.batchSize(), shuffle)
                .build();
    }
}
