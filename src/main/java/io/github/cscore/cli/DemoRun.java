package io.github.cscore.cli;

import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.evaluate.BackgroundEvaluator;
import io.github.cscore.evaluate.BackgroundEvaluatorBuilder;
import io.github.cscore.evaluate.SnapshotManifest;
import io.github.cscore.evaluate.SnapshotSaver;
import io.github.cscore.alert.BelowFloor;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.export.CScoreExporterBuilder;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.report.HtmlReport;
import io.github.cscore.report.RunDescription;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;
import io.github.cscore.training.MonitoredTraining;
import io.github.cscore.training.MonitoredTrainingBuilder;
import io.github.cscore.training.TrainingDataSource;
import io.github.cscore.training.TrainingPlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The demo's steps around one {@link MonitoredTraining}: claim the output, train, print, report. */
final class DemoRun {

    /** What the demo does, checked: everything the options set, built. */
    record Settings(
            String runName,
            Path out,
            Architecture architecture,
            NetworkConfig networkConfig,
            Network network,
            TrainingPlan plan,
            MonitorSetup monitor,
            long seed,
            Path backbone,
            TrainingDataSource data,
            CScoreExporterBuilder exporter,
            MetricsOptions metrics,
            boolean saveCheckpoints,
            boolean backgroundWorker,
            int backgroundThreads,
            Map<String, String> description) {}

    /**
     * The background worker's engine threads unless --background-threads says otherwise: the
     * engine's count, which was faster for both training and the worker than one thread on two
     * cores (docs/performance.md).
     */
    static final int DEFAULT_BACKGROUND_THREADS = BackgroundEvaluatorBuilder.ENGINE_THREADS;

    /** Images per class whose maps the report shows at every checkpoint. */
    static final int EXAMPLE_IMAGES_PER_CLASS = 2;
    /** The monitor's name for the example maps' sink, whose failures it counts. */
    static final String MAPS_SINK = "example-maps";

    private final Settings settings;
    private final PrintWriter out;
    private CScoreExporter exporter;

    DemoRun(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Trains with the monitor (serving its metrics and printing its alerts), prints every
     * checkpoint, and writes the report.
     *
     * @return the exit status: 0, or 1 if the timeline could not be written whole or the report
     *     not at all
     */
    int run() throws IOException, TranslateException {
        settings.metrics().checkFree();
        try (OutputLock lock = OutputLock.claim(settings.out(), "--out")) {
            out.println("run " + settings.runName() + ": writing to " + settings.out().toAbsolutePath());
            out.flush();
            refuseEarlierCheckpoints();
            Path timeline = settings.out().resolve("timeline.jsonl");
            refuseMapsFolderTakenByAFile(timeline);
            List<Technique> techniques = settings.monitor().techniques();
            CheckpointTable table = new CheckpointTable(out, techniques);
            List<CheckpointResult> results = new ArrayList<>();
            RunDescription.startingNow(settings.runName(), "cscore demo", settings.description())
                    .withThresholds(BelowFloor.Settings.DEFAULT_FLOOR, settings.monitor().cscore().minGoldSize())
                    .writeBeside(timeline);
            EpochProgress progress = new EpochProgress();
            try (AlertPrinter alertPrinter = new AlertPrinter(out);
                    MonitoredTraining training = assemble(timeline, alertPrinter, results, table, progress)) {
                describe(training);
                SnapshotSaver saver = checkpointSaver(training.monitor());
                BackgroundWork background = backgroundWork(training);
                table.printHeader();
                Thread hook = new Thread(() -> whenInterrupted(timeline, saver), "cscore-demo-interrupted");
                Runtime.getRuntime().addShutdownHook(hook);
                try (saver) {
                    training.run(listeners(progress, saver, background));
                } finally {
                    removeHook(hook);
                }
                new DemoSummary(out, results, progress.epochs(), training.monitor().timeShare(), timeline).print();
                int backgroundStatus = background == null ? 0 : background.finish();
                out.printf("alerts fired: %d (docs/alerts.md says what each means)%n", alertPrinter.fired());
                out.flush();
                int status = Math.max(backgroundStatus, reportTimeline(out, "the timeline",
                        training.timeline().orElseThrow()));
                status = Math.max(status, reportMaps(training.monitor().statistics().sinkFailures(MAPS_SINK),
                        ExampleMapsWriter.directoryFor(timeline)));
                return Math.max(status, writeReport(timeline));
            }
        }
    }

    private MonitoredTraining assemble(Path timeline, AlertPrinter alertPrinter, List<CheckpointResult> results,
            CheckpointTable table, EpochProgress progress) throws IOException {
        AlertEngine alerts = AlertEngine.builder().optListener(alertPrinter).build();
        MonitoredTrainingBuilder builder = MonitoredTraining.builder()
                .setNetwork(settings.network())
                .setData(settings.data())
                .setPlan(settings.plan())
                .optSeed(settings.seed())
                .optMonitor(settings.monitor().builder(settings.seed(), settings.runName())
                        .optSink("results", results::add)
                        .optSink("table", table::printRow)
                        .optSink("progress", progress::showLatest))
                .optTimeline(timeline)
                .optExampleImages(EXAMPLE_IMAGES_PER_CLASS)
                .optAlerts(alerts);
        if (settings.exporter() != null) {
            // The engine's state is exported as cscore_alert, for the dashboard's firing-alerts panel.
            exporter = settings.exporter().optAlertEngine(alerts).build();
            builder.optExporter(exporter);
        }
        if (settings.backbone() != null) {
            builder.optBackbone(settings.backbone());
        }
        return builder.build();
    }

    private static TrainingListener[] listeners(TrainingListener progress, SnapshotSaver saver,
            BackgroundWork background) {
        List<TrainingListener> listeners = new ArrayList<>(List.of(progress));
        if (saver != null) {
            listeners.add(saver);
        }
        if (background != null) {
            listeners.add(background.evaluator());
        }
        return listeners.toArray(TrainingListener[]::new);
    }

    /** The background worker that scores Score-CAM at every epoch, with its own timeline; or none. */
    private BackgroundWork backgroundWork(MonitoredTraining training) {
        if (!settings.backgroundWorker()) {
            return null;
        }
        Path timeline = settings.out().resolve("background").resolve("timeline.jsonl");
        List<CheckpointResult> scored = Collections.synchronizedList(new ArrayList<>());
        TimelineWriter writer = TimelineWriter.create(timeline);
        BackgroundEvaluator evaluator = BackgroundEvaluator.builder()
                .setManifest(SnapshotManifest.of(settings.architecture(), settings.networkConfig(), training.monitor()))
                .setValidationData(training.data().validation())
                .optScoreCam(settings.monitor().scoreCam())
                .optTechniqueTimeout(settings.monitor().techniqueTimeout())
                .optEngineThreads(settings.backgroundThreads())
                .optSink("timeline", writer)
                .optSink("results", scored::add)
                .build();
        out.println("scoring scorecam at every epoch on a background worker, into " + timeline);
        return new BackgroundWork(evaluator, scored, timeline, writer, out);
    }

    /** What was assembled: the metrics endpoint, the backbone, the data and the network. */
    private void describe(MonitoredTraining training) {
        if (settings.exporter() != null) {
            out.printf("serving metrics on %s while training (--metrics-port 0 turns it off)%n",
                    settings.metrics().url(exporter.port()));
        }
        if (settings.backbone() != null) {
            out.println("backbone loaded from " + settings.backbone());
        }
        Network network = training.network();
        int input = (int) network.inputShape().get(1);
        out.printf("%s, %d training and %d validation images of %dx%d; CAM tap %s, techniques %s%n", network.name(),
                training.data().train().size(), training.data().validation().labels().length, input, input,
                network.camTaps().primary(), settings.monitor().techniques().stream().map(Technique::label).toList());
    }

    /**
     * Writes the HTML report of the run beside its timeline. Training is over by now, so a report
     * that cannot be written costs nothing else: one line, and the run ends with status 1.
     */
    private int writeReport(Path timeline) {
        try {
            Path report = HtmlReport.write(timeline, settings.out());
            out.println("report: " + report.toAbsolutePath());
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            out.println("cscore: the report could not be written: " + e.getMessage());
            out.flush();
            return 1;
        }
    }

    /** The folder --save-checkpoints saves into. */
    private Path checkpointFolder() {
        return settings.out().resolve("checkpoints");
    }

    /** Two runs' checkpoints in one folder would be scored as one run: refuse before any work. */
    private void refuseEarlierCheckpoints() throws IOException {
        Path folder = checkpointFolder();
        if (!settings.saveCheckpoints() || !Files.isDirectory(folder)) {
            return;
        }
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--save-checkpoints: " + folder + " holds an earlier run's "
                        + "checkpoints; delete it or choose another --out");
            }
        }
    }

    /** Saves every epoch's parameters and what rebuilds the network, for cscore evaluate; or none. */
    private SnapshotSaver checkpointSaver(CScoreMonitor monitor) {
        if (!settings.saveCheckpoints()) {
            return null;
        }
        SnapshotSaver saver = SnapshotSaver.create(checkpointFolder(),
                SnapshotManifest.of(settings.architecture(), settings.networkConfig(), monitor));
        out.println("saving every epoch's parameters in " + checkpointFolder() + " (cscore evaluate scores them)");
        return saver;
    }

    /**
     * The example maps are written to a folder beside the timeline; a file in its place would
     * make every checkpoint's maps fail after the training's cost is spent, so it is refused first.
     */
    private static void refuseMapsFolderTakenByAFile(Path timeline) {
        Path maps = ExampleMapsWriter.directoryFor(timeline);
        if (Files.exists(maps) && !Files.isDirectory(maps)) {
            throw new IllegalArgumentException("--out: " + maps + " is a file where the example maps' folder goes; "
                    + "move or delete it");
        }
    }

    /** Example maps that could not be written leave the report without overlays: say so and fail the run. */
    int reportMaps(long failedCheckpoints, Path folder) {
        if (failedCheckpoints == 0) {
            return 0;
        }
        out.printf("cscore: the example maps in %s are INCOMPLETE: the maps of %d checkpoints could not be written "
                + "(the warning above says why)%n", folder, failedCheckpoints);
        out.flush();
        return 1;
    }

    /**
     * Ctrl-C ends the demo (exit 130) without a report: one line says what the timeline holds and
     * how to make the report from it, and the checkpoint saver, if any, writes its done marker. It
     * runs in a shutdown hook, while training may still be writing, so it counts only the complete
     * checkpoints of this run that are on disk.
     */
    private void whenInterrupted(Path timeline, SnapshotSaver saver) {
        out.println(interruptedLine(timeline, settings.runName()));
        out.flush();
        if (saver != null) {
            // The done marker tells an evaluate --follow that no snapshot will come; without it,
            // the follower waits until its timeout.
            try {
                saver.close();
            } catch (RuntimeException e) {
                out.println("interrupted: " + e.getMessage());
                out.flush();
            }
        }
    }

    /** What an interrupted run leaves: its complete checkpoints in the timeline, and the report command. */
    static String interruptedLine(Path timeline, String run) {
        long checkpoints;
        try {
            checkpoints = Files.isRegularFile(timeline) ? Timeline.read(timeline).checkpoints().stream()
                    .filter(c -> c.run().equals(run)).count() : 0;
        } catch (RuntimeException unreadable) {
            return "interrupted: the timeline " + timeline + " could not be read back (" + unreadable.getMessage() + ")";
        }
        if (checkpoints == 0) {
            return "interrupted before the first checkpoint: " + timeline + " holds none of run " + run;
        }
        return "interrupted: " + timeline + " holds " + checkpoints + " complete checkpoint"
                + (checkpoints == 1 ? "" : "s") + " of run " + run + "; make their report with: cscore report "
                + timeline;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs, nothing to undo.
        }
    }

    /**
     * A timeline that lost records must not look complete: say so and fail the run.
     *
     * @param out where the line goes
     * @param name what the timeline is, as the line names it: {@code the timeline}
     * @param writer the timeline's writer, closed or not
     * @return the exit status: 0, or 1 if records were lost
     */
    static int reportTimeline(PrintWriter out, String name, TimelineWriter writer) {
        if (writer.failedWrites() == 0) {
            return 0;
        }
        out.printf("cscore: %s is INCOMPLETE: %d of %d records could not be written (%s)%n", name,
                writer.failedWrites(), writer.failedWrites() + writer.written(), writer.lastFailure());
        out.flush();
        return 1;
    }
}
