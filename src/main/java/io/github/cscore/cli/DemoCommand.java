package io.github.cscore.cli;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.Technique;
import io.github.cscore.training.TrainingDataSource;
import io.github.cscore.training.TrainingPlan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cscore demo}: trains a small member of a paper architecture on synthetic chest
 * radiographs with the monitor attached, and prints each checkpoint.
 */
@Command(
        name = "demo",
        header = "Trains on synthetic chest radiographs with the monitor attached.",
        mixinStandardHelpOptions = true,
        description = {
            "Generates synthetic chest radiographs (NORMAL / PNEUMONIA phantoms) into <out>/chest_xray "
                    + "unless they exist there or --data names a folder, trains a small ResNet50V2 (or another "
                    + "architecture) on them, a transfer phase with the backbone frozen then fine-tuning, with the "
                    + "C-Score monitor attached, and prints the accuracy, AUC, gold lists and C-Scores of every "
                    + "checkpoint, and each alert as it fires. It serves /metrics for Prometheus while training, "
                    + "writes the timeline to <out>/timeline.jsonl with the CAM maps of a few fixed images beside "
                    + "it, and ends with the HTML report <out>/report.html."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "demo");

    @Mixin
    DataOptions data;

    @Mixin
    PhantomOptions phantoms;

    @Mixin
    NetworkOptions network;

    @Mixin
    PhaseOptions phases;

    @Mixin
    TrainingOptions training;

    @Mixin
    MonitorOptions monitor;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--save-checkpoints", description = "Save every epoch's parameters in <out>/checkpoints, "
            + "with what rebuilds the network, for cscore evaluate.")
    boolean saveCheckpoints;

    @Option(names = "--background-worker", description = "Score Score-CAM exact at every epoch on a worker thread, "
            + "on a copy of the epoch's parameters, instead of within --monitor-share; its checkpoints go to a "
            + "timeline of their own in <out>/background, and a copy that waits while a newer one comes is dropped "
            + "and counted.")
    boolean backgroundWorker;

    @Option(names = "--background-threads", description = "Engine threads of the background worker's forward passes; "
            + "training keeps its own; 0 for the engine's count (default: ${DEFAULT-VALUE}).")
    int backgroundThreads = DemoRun.DEFAULT_BACKGROUND_THREADS;

    @Mixin
    SeedOption seed;

    @Mixin
    RunNameOption runName;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Checks every option by building what it sets, before any file is written; then runs the demo. */
    @Override
    public Integer call() throws Exception {
        data.check("demo", false);
        phantoms.check(data);
        String run = runName.resolve("demo");
        PrintWriter printer = spec.commandLine().getOut();
        NetworkConfig config = network.config(2);
        Network built = network.architecture().build(config);
        TrainingPlan plan = phases.plan(training.learningRate(), training.learningRate());
        MonitorSetup setup = backgroundWorker ? withoutScoreCam(monitor.setup()) : monitor.setup();
        DemoRun.Settings settings = new DemoRun.Settings(run, out, network.architecture(), config, built, plan,
                setup, seed.seed, phases.backbone(), dataSource(printer),
                metrics.serving() ? metrics.exporter() : null, metrics, saveCheckpoints, backgroundWorker, backgroundThreads,
                description(config, setup));
        return new DemoRun(settings, printer).run();
    }

    /**
     * The live monitor's settings when Score-CAM moves to the background worker: the same, less
     * Score-CAM, which must have been chosen and must need no backward pass.
     */
    static MonitorSetup withoutScoreCam(MonitorSetup setup) {
        if (!setup.techniques().contains(Technique.SCORE_CAM)) {
            throw new IllegalArgumentException("--background-worker scores Score-CAM, but --techniques leaves it out");
        }
        if (setup.scoreCam().needsGradients()) {
            throw new IllegalArgumentException("--background-worker runs Score-CAM without a backward pass, but "
                    + "--scorecam-top-k chooses its channels by gradient: use 0, the exact method");
        }
        List<Technique> live = setup.techniques().stream().filter(t -> !t.equals(Technique.SCORE_CAM)).toList();
        if (live.isEmpty()) {
            throw new IllegalArgumentException("--background-worker takes Score-CAM off the monitor, which then has "
                    + "no technique: add another to --techniques");
        }
        return setup.with(setup.goldThreshold(), live);
    }

    /** The run's settings as its report's header shows them. */
    private Map<String, String> description(NetworkConfig config, MonitorSetup setup) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("architecture", network.architecture().label());
        settings.put("input", network.input() + "x" + network.input() + " pixels, width multiplier "
                + config.widthMultiplier());
        settings.put("epochs", phases.transferEpochs + " transfer (backbone frozen) + " + phases.finetuneEpochs
                + " fine-tuning" + (phases.backbone() != null ? ", backbone from " + phases.backbone() : ""));
        settings.put("learning rate", training.learningRate + " (Adam), batches of " + training.batchSize);
        settings.put("data", data.isFashionMnist() ? "Fashion-MNIST " + String.join(", ", data.fashionClasses())
                : data.data != null ? "the images in " + data.data
                : "synthetic chest radiographs, shortcut rate " + phantoms.shortcutRate);
        settings.put("training images", training.trainPerClass + " per class");
        settings.put("monitor", setup.samplePerClass() + " sample images per class, gold threshold "
                + setup.goldThreshold() + ", techniques " + String.join(", ",
                        setup.techniques().stream().map(t -> t.label()).toList())
                + ", technique timeout " + monitor.techniqueTimeout.shown() + " s"
                + (backgroundWorker ? "; scorecam at every epoch on a background worker" : ""));
        settings.put("seed", Long.toString(seed.seed));
        settings.put("metrics", metrics.serving() ? metrics.url(metrics.port) : "not served");
        return settings;
    }

    /** Fashion-MNIST, the folder given, or phantoms generated into {@code <out>/chest_xray} unless they are there. */
    private TrainingDataSource dataSource(PrintWriter printer) {
        int input = network.input();
        if (data.isFashionMnist()) {
            TrainingDataSource fashion = RunData.fashionMnist(data.fashionClasses(), training.trainPerClass,
                    monitor.samplePerClass, input, training.batchSize);
            return () -> {
                printer.println("using Fashion-MNIST " + data.fashionClasses() + " from "
                        + FashionMnistIdx.DEFAULT_DIRECTORY);
                return fashion.load();
            };
        }
        Path root = data.data != null ? data.data : out.resolve("chest_xray");
        TrainingDataSource kermany = RunData.kermany(root, input, seed.seed, training.batchSize);
        if (data.data != null) {
            return () -> {
                printer.println("using the images in " + root);
                return kermany.load();
            };
        }
        ChestPhantoms generated = RunData.phantoms(seed.seed, input, training.trainPerClass, phantoms.shortcutRate);
        return () -> {
            RunData.requireSameSettings(root, generated);
            // Reused only if every image is as generated; otherwise generated again (docs/data.md).
            generated.prepare(root, line -> {
                printer.println(line);
                printer.flush();
            });
            return kermany.load();
        };
    }
}
