package io.github.cscore.report;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.Chromium;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes {@code docs/images/report.png}: a demo-like run (the demo's phantoms, network and
 * settings, with example maps on), its report, and Chromium's screenshot of the report's top.
 *
 * <p>Run from the project folder, with {@code DNNL_MAX_CPU_ISA=SSE41} where docs/engine.md says so:
 * {@code java -cp target/classes:target/test-classes:$(cat target/test-classpath) \
 * io.github.cscore.report.ReportScreenshot /tmp/report-run docs/images/report.png}
 */
public final class ReportScreenshot {

    private static final int INPUT = 64;
    private static final long SEED = 1;
    private static final long DOCS_BYTES = 300_000;

    private ReportScreenshot() {}

    /**
     * Trains, reports and takes the screenshot.
     *
     * @param args the run folder, the screenshot file, and optionally transfer and fine-tune epochs
     *     (default 1 and 4) and generated training images per class (default 150)
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--shrink")) {
            shrink(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path out = Path.of(args[0]);
        Path png = Path.of(args[1]);
        int transfer = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int finetune = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int trainPerClass = args.length > 4 ? Integer.parseInt(args[4]) : 150;
        Path timeline = train(out, transfer, finetune, trainPerClass);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("architecture", "resnet50v2");
        settings.put("input", INPUT + "x" + INPUT + " pixels, width multiplier 0.25, 2 blocks per stage");
        settings.put("epochs", transfer + " transfer (backbone frozen) + " + finetune + " fine-tuning");
        settings.put("learning rate", "0.001 (Adam), batches of 32");
        settings.put("data", "synthetic chest radiographs, shortcut rate 0.0");
        settings.put("training images", trainPerClass + " per class");
        settings.put("monitor", "16 sample images per class, gold threshold 0.9, five default techniques");
        settings.put("seed", Long.toString(SEED));
        RunDescription.startingNow("demo", "ReportScreenshot", settings).writeBeside(timeline);
        Path html = HtmlReport.write(timeline, out);
        Files.createDirectories(out.resolve("chromium-profile"));
        Path full = out.resolve("report-full.png");
        new Chromium(out.resolve("chromium-profile")).screenshot(html, full, 1300, 2900);
        shrink(full, png);
        System.out.println("wrote " + html + " and " + png + " (" + Files.size(png) / 1024 + " KiB)");
    }

    /**
     * Writes the screenshot as a 256-colour PNG, narrowed step by step until it is under {@value
     * #DOCS_BYTES} bytes: small enough for the docs, still legible.
     */
    static void shrink(Path full, Path png) throws Exception {
        Chromium.shrink(full, png, DOCS_BYTES);
    }

    private static Path train(Path out, int transferEpochs, int finetuneEpochs, int trainPerClass) throws Exception {
        Engine.getInstance().setRandomSeed((int) SEED);
        Path data = out.resolve("chest_xray");
        if (!Files.isDirectory(data.resolve(KermanyFolder.TRAIN.folderName()))) {
            ChestPhantoms.builder().optSeed(SEED).optImageSize(INPUT)
                    .optImagesPerClass(KermanyFolder.TRAIN, trainPerClass)
                    .optImagesPerClass(KermanyFolder.TEST, Math.max(trainPerClass / 4, 2))
                    .build().writeTo(data);
        }
        RandomAccessDataset train = dataset(data, KermanySubset.TRAIN, true);
        KermanyDataset validation = dataset(data, KermanySubset.VALIDATION, false);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.builder().optInputSize(INPUT).optNumClasses(2)
                .optWidthMultiplier(0.25f).optMaxBlocksPerStage(2).optStemDownsampling(false).build());
        Path timeline = out.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(timeline)) {
            AlertEngine alerts = AlertEngine.ofDefaults();
            alerts.subscribe(writer::append);
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(validation)
                    .setNetwork(network)
                    .optSamplePerClass(16)
                    .optCScore(CScoreConfig.ofDefaults())
                    .optSeed(SEED)
                    .optRunName("demo")
                    .optSink("timeline", writer)
                    .optSink("alerts", alerts)
                    .optExampleImages(2, ExampleMapsWriter.besideTimeline(timeline))
                    .build();
            try (Model model = Model.newInstance(network.name())) {
                model.setBlock(network.block());
                network.initialize(model.getNDManager());
                network.freezeBackbone(true);
                fit(model, train, transferEpochs, monitor);
                network.freezeBackbone(false);
                fit(model, train, finetuneEpochs, monitor);
            }
        }
        return timeline;
    }

    private static KermanyDataset dataset(Path root, KermanySubset split, boolean shuffle) throws Exception {
        return KermanyDataset.builder().setRoot(root).optSubset(split).optImageSize(INPUT).optValidationFraction(0.2f)
                .optSeed(SEED).setSampling(32, shuffle).build();
    }

    private static void fit(Model model, RandomAccessDataset train, int epochs, CScoreMonitor monitor)
            throws Exception {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build())
                .addTrainingListeners(monitor);
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, epochs, train, null);
        }
    }
}
