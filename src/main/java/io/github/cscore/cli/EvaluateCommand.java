package io.github.cscore.cli;

import ai.djl.training.dataset.Dataset;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.BelowFloor;
import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.evaluate.SnapshotManifest;
import io.github.cscore.evaluate.SidecarEvaluator;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.export.CScoreExporterBuilder;
import io.github.cscore.report.HtmlReport;
import io.github.cscore.report.RunDescription;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.timeline.TimelineWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code cscore evaluate}: scores the checkpoints of a folder after the fact, or alongside
 * training with {@code --follow}, with the monitor's own code, writing the same timeline and
 * metrics a live monitor would.
 */
@Command(
        name = "evaluate",
        header = "Scores saved checkpoints after the fact, as the monitor would have.",
        mixinStandardHelpOptions = true,
        description = {
            "Scores saved checkpoints (<prefix>-NNNN.params beside cscore-snapshots.json) in epoch order "
                    + "with the monitor's own code, on this or another machine, and writes the timeline to "
                    + "<out>/timeline.jsonl. With --follow it keeps scoring checkpoints as they appear until "
                    + "training ends (the saver's 'done' marker), --follow-timeout or Ctrl-C. See docs/evaluate.md.",
            "",
            "Unlike cscore demo it serves no /metrics unless --metrics-port is given: it often runs "
                    + "beside a training run that serves the default port."
        })
final class EvaluateCommand implements Callable<Integer>, OptionNames.Source {

    @Parameters(index = "0", paramLabel = "CHECKPOINT_DIR", description = "Folder of the checkpoints and their manifest.")
    Path checkpoints;

    @Mixin
    DataOptions data;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Share of the Kermany train folder held out for "
            + "validation, as in training (default: ${DEFAULT-VALUE}).")
    float validationFraction = RunData.VALIDATION_FRACTION;

    @Option(names = "--data-seed", paramLabel = "N", description = "Seed of the Kermany validation split, as in training "
            + "(default: the sample seed in the manifest).")
    Long dataSeed;

    @Option(names = "--limit-per-class", paramLabel = "N", description = "Fashion-MNIST test images per class, as in training "
            + "(default: ${DEFAULT-VALUE}).")
    int limitPerClass = 100;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: <CHECKPOINT_DIR>/evaluation).")
    Path out;

    @Mixin
    MetricsOptions metrics = new MetricsOptions(0);

    @Option(names = "--pushgateway", paramLabel = "URL", description = "Push the metrics to this Pushgateway.")
    URI pushgateway;

    @Option(names = "--follow", description = "Keep scoring new checkpoints until training ends.")
    boolean follow;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "Seconds between looks at the folder with --follow "
            + "(default: ${DEFAULT-VALUE}).")
    double pollSeconds = 2;

    @Option(names = "--follow-timeout", paramLabel = "SECONDS", description = "Most seconds to follow (default: no limit).")
    Double followTimeoutSeconds;

    @Mixin
    TechniqueTimeoutOption techniqueTimeout;

    @Mixin
    RunNameOption runName;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        check();
        String run = runName.resolve("evaluate");
        CScoreExporterBuilder exporterSettings = metrics.serving() || pushgateway != null ? exporterSettings() : null;
        metrics.checkFree();
        PrintWriter printer = spec.commandLine().getOut();
        // With --follow the folder may not exist yet: the library waits for its manifest.
        SnapshotManifest manifest = follow
                ? SnapshotManifest.await(checkpoints, Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))),
                        followTimeoutSeconds == null ? null
                                : Duration.ofMillis(Math.max(1, Math.round(followTimeoutSeconds * 1000))))
                : SnapshotManifest.read(existingFolder());
        LabeledDataset validation = validation(manifest);
        Path folder = out != null ? out : checkpoints.resolve("evaluation");
        try (OutputLock lock = OutputLock.claim(folder, "--out")) {
            Path timeline = folder.resolve("timeline.jsonl");
            refuseAnotherRunsTimeline(folder, timeline, manifest);
            printer.println("run " + run + ": scoring the checkpoints of run " + manifest.run() + " in " + checkpoints
                    + ", writing to " + folder.toAbsolutePath());
            printer.flush();
            RunDescription.startingNow(run, "cscore evaluate", description(manifest)).withThresholds(
                    BelowFloor.Settings.DEFAULT_FLOOR, manifest.scoring().cscore().minGoldSize()).writeBeside(timeline);
            CheckpointTable table = new CheckpointTable(printer, manifest.scoring().techniques());
            AlertPrinter alertPrinter = new AlertPrinter(printer);
            AlertEngine alerts = AlertEngine.builder().optListener(alertPrinter).build();
            // The engine's state is exported as cscore_alert, for the dashboard's firing-alerts panel.
            CScoreExporter exporter = exporterSettings == null ? null : exporterSettings.optAlertEngine(alerts).build();
            TimelineWriter writer = TimelineWriter.create(timeline);
            List<CheckpointResult> results;
            int unscored;
            try (alertPrinter; SidecarEvaluator evaluator = evaluator(run, validation, writer, alerts, exporter, table)) {
                if (exporter != null) {
                    exporter.start(evaluator.monitor());
                    if (metrics.serving()) {
                        printer.printf("serving metrics on %s%n", metrics.url(exporter.port()));
                    }
                }
                table.printHeader();
                results = scoreUntilDone(evaluator);
                unscored = evaluator.failed();
            }
            // The sinks are closed: the last record is on disk and the final push was made.
            printer.printf("scored %d checkpoints of %s; timeline %s%n", results.size(), checkpoints, timeline);
            printer.printf("alerts fired: %d (docs/alerts.md says what each means)%n", alertPrinter.fired());
            printer.flush();
            PrintWriter err = spec.commandLine().getErr();
            // Not short-circuited: each missing output gets its own line.
            boolean whole = reportLostRecords(writer, err) & reportFailedPushes(exporter, err)
                    & reportNothingScored(results, unscored, err);
            return unscored == 0 && whole ? 0 : 1;
        }
    }

    /** Scores the checkpoints; Ctrl-C lets the one being scored finish and the timeline close. */
    private static List<CheckpointResult> scoreUntilDone(SidecarEvaluator evaluator) throws IOException {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> stopAndWait(evaluator, main), "cscore-evaluate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return evaluator.run();
        } finally {
            removeHook(hook);
        }
    }

    /**
     * An evaluation replaces {@code timeline.jsonl} in its output folder. A timeline there made by
     * another command (a demo's, whose report and maps would stay and no longer match it) or by an
     * evaluation of other checkpoints is another run's result: refused, naming {@code --out}. An
     * earlier evaluation of the same checkpoints, or an empty file, is replaced.
     */
    private void refuseAnotherRunsTimeline(Path folder, Path timeline, SnapshotManifest manifest) throws IOException {
        if (!Files.isRegularFile(timeline) || Files.size(timeline) == 0) {
            return;
        }
        Optional<RunDescription> earlier = RunDescription.besideTimeline(timeline);
        String sameCheckpoints = checkpointsSetting(manifest);
        if (earlier.isPresent() && earlier.get().command().equals("cscore evaluate")
                && sameCheckpoints.equals(earlier.get().settings().get("checkpoints"))) {
            return;
        }
        String what = earlier.map(d -> d.command().equals("cscore evaluate")
                ? "an evaluation of other checkpoints (" + d.settings().getOrDefault("checkpoints", "unknown") + ")"
                : "the timeline of a " + d.command() + " run (" + d.run() + ")")
                .orElse("a timeline of unknown origin");
        List<String> beside = new ArrayList<>();
        if (Files.exists(folder.resolve(HtmlReport.FILE_NAME))) {
            beside.add(HtmlReport.FILE_NAME);
        }
        if (Files.exists(folder.resolve("timeline-maps"))) {
            beside.add("timeline-maps/");
        }
        throw new IllegalArgumentException("--out " + folder + " holds " + what
                + (beside.isEmpty() ? "" : " with its " + String.join(" and ", beside))
                + ", which this evaluation would replace; choose another --out (default: <CHECKPOINT_DIR>/evaluation)");
    }

    /** The checkpoints as the description records them: an earlier evaluation of the same ones has the same. */
    private String checkpointsSetting(SnapshotManifest manifest) {
        return checkpoints.toAbsolutePath().normalize() + " (of run " + manifest.run() + ")";
    }

    /** A timeline that lost records must not look complete: one line, and the command fails. */
    private static boolean reportLostRecords(TimelineWriter writer, PrintWriter err) {
        if (writer.failedWrites() == 0) {
            return true;
        }
        err.printf("cscore: the timeline %s is INCOMPLETE: %d of %d records could not be written (%s)%n",
                writer.path(), writer.failedWrites(), writer.failedWrites() + writer.written(), writer.lastFailure());
        err.flush();
        return false;
    }

    /** Metrics that reached no Pushgateway at all are output missing: one line, and the command fails. */
    private boolean reportFailedPushes(CScoreExporter exporter, PrintWriter err) {
        if (exporter == null || exporter.pushFailures() == 0 || exporter.pushSuccesses() > 0) {
            return true;
        }
        err.printf("cscore: every push to the Pushgateway failed: %d pushes to %s (--pushgateway)%n",
                exporter.pushFailures(), pushgateway);
        err.flush();
        return false;
    }

    /** Following that ends without a single checkpoint scored wrote nothing: one line, and the command fails. */
    private boolean reportNothingScored(List<CheckpointResult> results, int unscored, PrintWriter err) {
        if (!results.isEmpty() || unscored > 0) {
            return true;
        }
        err.println("cscore: no checkpoint was scored: " + (followTimeoutSeconds != null
                ? "--follow-timeout (" + followTimeoutSeconds + " s) ran out" : "training ended")
                + " before a checkpoint appeared in " + checkpoints);
        err.flush();
        return false;
    }

    /** The evaluation's settings as its report's header shows them. */
    private Map<String, String> description(SnapshotManifest manifest) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("checkpoints", checkpointsSetting(manifest));
        settings.put("architecture", manifest.architecture().label() + ", input " + manifest.network().inputSize()
                .orElse(manifest.architecture().referenceInputSize()) + " pixels");
        settings.put("data", data.data != null ? "the images in " + data.data + ", validation fraction "
                + validationFraction : "Fashion-MNIST " + String.join(", ", data.fashionClasses()));
        settings.put("monitor", manifest.scoring().samplePerClass() + " sample images per class, gold threshold "
                + manifest.scoring().cscore().goldThreshold() + ", techniques " + String.join(", ",
                        manifest.scoring().techniques().stream().map(t -> t.label()).toList())
                + ", technique timeout " + techniqueTimeout.shown() + " s");
        settings.put("seed", Long.toString(manifest.scoring().seed()));
        settings.put("metrics", metrics.serving() ? metrics.url(metrics.port) : "not served");
        return settings;
    }

    /** Rejects option combinations before anything is read or written, naming the options. */
    private void check() {
        data.check("evaluate", true);
        if (!(pollSeconds > 0) || followTimeoutSeconds != null && !(followTimeoutSeconds > 0)) {
            throw new IllegalArgumentException("--poll-interval and --follow-timeout must be positive seconds");
        }
        techniqueTimeout.timeout(); // refuses a timeout that is not positive seconds
        if (limitPerClass < 1) {
            throw new IllegalArgumentException("--limit-per-class must be at least 1, but was " + limitPerClass);
        }
    }

    private Path existingFolder() {
        if (!Files.isDirectory(checkpoints)) {
            throw new IllegalArgumentException("CHECKPOINT_DIR " + checkpoints
                    + (Files.exists(checkpoints) ? " is not a folder" : " does not exist"));
        }
        return checkpoints;
    }

    private LabeledDataset validation(SnapshotManifest manifest) throws IOException {
        int size = manifest.network().inputSize().orElse(manifest.architecture().referenceInputSize());
        if (data.data != null) {
            return KermanyDataset.builder()
                    .setRoot(data.data)
                    .optSubset(KermanySubset.VALIDATION)
                    .optImageSize(size)
                    .optValidationFraction(validationFraction)
                    .optSeed(dataSeed != null ? dataSeed : manifest.scoring().seed())
                    .optClassNames(manifest.classNames())
                    .setSampling(manifest.scoring().batchSize(), false)
                    .build();
        }
        return FashionMnistIdx.builder()
                .optUsage(Dataset.Usage.TEST)
                .optClasses(data.fashionClasses().toArray(String[]::new))
                .optLimitPerClass(limitPerClass)
                .optImageSize(size)
                .setSampling(manifest.scoring().batchSize(), false)
                .build();
    }

    /** The exporter's settings: serving on --metrics-port, pushing to --pushgateway, or both. */
    private CScoreExporterBuilder exporterSettings() {
        CScoreExporterBuilder builder = metrics.exporter();
        if (pushgateway != null) {
            builder.optPushgateway(pushgateway);
        }
        return builder;
    }

    /**
     * The evaluator; its checkpoints go to the timeline, the table, the alert engine (whose alerts
     * go to the timeline too) and the exporter.
     */
    private SidecarEvaluator evaluator(String run, LabeledDataset validation, TimelineWriter timeline, AlertEngine alerts,
            CScoreExporter exporter, CheckpointTable table) {
        alerts.subscribe(timeline::append);
        var builder = SidecarEvaluator.builder()
                .setSnapshotDirectory(checkpoints)
                .optRunName(run)
                .setValidationData(validation)
                .optSink("timeline", timeline)
                .optSink("table", table::printRow)
                .optSink("alerts", alerts)
                .optFollow(follow)
                .optTechniqueTimeout(techniqueTimeout.timeout())
                .optPollInterval(Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))));
        if (followTimeoutSeconds != null) {
            builder.optFollowTimeout(Duration.ofMillis(Math.max(1, Math.round(followTimeoutSeconds * 1000))));
        }
        if (exporter != null) {
            builder.optSink("prometheus", exporter);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            closeQuietly(timeline);
            throw e;
        }
    }

    /** Ctrl-C: let the checkpoint being scored finish and the sinks close, for at most 10 seconds. */
    private static void stopAndWait(SidecarEvaluator evaluator, Thread main) {
        evaluator.stop();
        try {
            main.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs, nothing to undo.
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // The build failure is what the user needs to see.
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("validationFraction", "--validation-fraction");
    }
}
