package io.github.cscore.examples.transfer;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The paper's schedule on a Kermany-layout chest X-ray folder: transfer learning with the backbone
 * of a small ResNet50V2 frozen, then fine-tuning, with the monitor, the in-process alert rules and
 * Prometheus {@code /metrics}. Without a folder it generates synthetic radiographs (phantoms).
 *
 * <p>Arguments: {@code [chest_xray folder or -] [out folder] [metrics port] [transfer epochs]
 * [fine-tuning epochs] [input size]}, default {@code - runs/transfer-learning 9464 1 5 64}.
 */
public final class TransferLearning {

    private TransferLearning() {}

    /**
     * Trains both phases with the monitor attached, serving {@code /metrics} meanwhile.
     *
     * @param args see the class description; all optional
     * @throws Exception if data cannot be read or training fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(arg(args, 1, "runs/transfer-learning"));
        Path data = arg(args, 0, "-").equals("-") ? phantoms(Files.createTempDirectory("chest_xray")) : Path.of(args[0]);
        int port = Integer.parseInt(arg(args, 2, "9464"));
        int transferEpochs = Integer.parseInt(arg(args, 3, "1"));
        int finetuneEpochs = Integer.parseInt(arg(args, 4, "5"));
        int input = Integer.parseInt(arg(args, 5, "64"));

        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo(input, 0.25f, 2));
        KermanyDataset train = split(data, KermanySubset.TRAIN, input, true);
        KermanyDataset validation = split(data, KermanySubset.VALIDATION, input, false);

        // Alerts go to the timeline and the console; the exporter serves the meters and the alerts.
        TimelineWriter timeline = TimelineWriter.create(out.resolve("timeline.jsonl"));
        AlertEngine alerts = AlertEngine.builder()
                .optListener(timeline::append)
                .optListener(event -> System.out.println("alert: " + event.message()))
                .build();
        CScoreExporter exporter = CScoreExporter.builder()
                .optPort(port)
                .optGracePeriod(Duration.ofSeconds(10))   // at the end, wait this long for a last scrape
                .optAlertEngine(alerts)
                .build();
        CScoreMonitor monitor = CScoreMonitor.builder()
                .setValidationData(validation)
                .setNetwork(network)
                .optRunName("transfer-learning")
                .optSink("timeline", timeline)
                .optSink("alerts", alerts)                // before the exporter
                .optSink("prometheus", exporter)
                .optSink("console", r -> System.out.printf("epoch %d (%s): AUC %.3f, GradCAM C-Score %.3f%n",
                        r.epoch(), r.phase().label(), r.macroAuc(), r.technique(Technique.GRAD_CAM).global().macro()))
                .build();
        alerts.attach(monitor);
        try (monitor; exporter; Model model = Model.newInstance(network.name())) {
            exporter.start(monitor);
            System.out.println("metrics: http://127.0.0.1:" + exporter.port() + "/metrics");
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            network.freezeBackbone(true);                 // transfer learning: only the head trains
            fit(model, monitor, train, transferEpochs);
            network.freezeBackbone(false);                // fine-tuning: everything trains
            fit(model, monitor, train, finetuneEpochs);
        }
        System.out.println("timeline: " + out.resolve("timeline.jsonl"));
    }

    /**
     * One phase with a trainer and an Adam of its own, as Keras recompiles before fine-tuning;
     * {@code Training.fit} rather than {@code EasyTrain.fit} because a frozen backbone can make
     * DJL's first-step gradient check fail on rounding (docs/monitor.md, "Phases").
     */
    private static void fit(Model model, CScoreMonitor monitor, Dataset train, int epochs) throws Exception {
        // With pretrained weights fine-tuning would take a smaller rate; this backbone starts random.
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                .addTrainingListeners(monitor);
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, epochs, train, null);
        }
    }

    private static KermanyDataset split(Path root, KermanySubset subset, int input, boolean shuffle)
            throws IOException {
        return KermanyDataset.builder().setRoot(root).optSubset(subset).optImageSize(input)
                .optValidationFraction(0.2f).setSampling(16, shuffle).build();
    }

    /** Synthetic NORMAL / PNEUMONIA radiographs in the Kermany layout, 150 per class to train on. */
    private static Path phantoms(Path root) throws IOException {
        ChestPhantoms.builder().optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 150)
                .optImagesPerClass(KermanyFolder.TEST, 4).build().writeTo(root);
        System.out.println("generated phantoms in " + root);
        return root;
    }

    private static String arg(String[] args, int index, String otherwise) {
        return args.length > index ? args[index] : otherwise;
    }
}
