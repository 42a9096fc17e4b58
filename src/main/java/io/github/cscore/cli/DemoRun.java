package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.evaluate.SnapshotManifest;
import io.github.cscore.evaluate.SnapshotSaver;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.report.HtmlReport;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The demo's steps: data, network, training with the monitor, and the summary. */
final class DemoRun {

    /** What the demo does, as chosen on the command line. */
    record Options(
            Path out,
            Path data,
            boolean dataGiven,
            List<String> fashionMnistClasses,
            Architecture architecture,
            int input,
            float width,
            int transferEpochs,
            int finetuneEpochs,
            int trainPerClass,
            double shortcutRate,
            List<Technique> techniques,
            int samplePerClass,
            float goldThreshold,
            ScoreCamConfig scoreCam,
            int batchSize,
            float learningRate,
            int metricsPort,
            boolean saveCheckpoints,
            long seed,
            Path backbone) {

        /** Rejects values the steps below cannot use, naming the option. */
        void check() {
            if (transferEpochs < 0 || finetuneEpochs < 0 || transferEpochs + finetuneEpochs == 0) {
                throw new IllegalArgumentException("--transfer-epochs and --finetune-epochs must be non-negative and "
                        + "not both 0, but were " + transferEpochs + " and " + finetuneEpochs);
            }
            if (input < MIN_INPUT || input > MAX_INPUT) {
                throw new IllegalArgumentException("--input must be in [" + MIN_INPUT + ", " + MAX_INPUT
                        + "] pixels, but was " + input);
            }
            if (trainPerClass < 2) {
                throw new IllegalArgumentException("--train-per-class must be at least 2, but was " + trainPerClass);
            }
            if (!fashionMnistClasses.isEmpty() && (fashionMnistClasses.size() != 2 || dataGiven)) {
                throw new IllegalArgumentException("--fashion-mnist takes two classes and no --data, but had "
                        + fashionMnistClasses + (dataGiven ? " and --data" : ""));
            }
            if (!fashionMnistClasses.isEmpty() && shortcutRate != 0) {
                throw new IllegalArgumentException("--shortcut-rate marks generated phantoms; it does not apply to "
                        + "--fashion-mnist");
            }
            if (samplePerClass < CScoreConfig.DEFAULT_MIN_GOLD_SIZE) {
                throw new IllegalArgumentException("--sample-per-class must be at least the minimum gold-list size "
                        + CScoreConfig.DEFAULT_MIN_GOLD_SIZE + ", or no class could ever be scored, but was "
                        + samplePerClass);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1, but was " + batchSize);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("--learning-rate must be positive, but was " + learningRate);
            }
            if (backbone != null && !Files.isRegularFile(backbone)) {
                throw new IllegalArgumentException("--backbone " + backbone + ": no such file (cscore pretrain writes one)");
            }
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new IllegalArgumentException("--metrics-port must be in [0, 65535] (0 turns /metrics off), but was "
                        + metricsPort);
            }
        }
    }

    /** Images per class whose maps the report shows at every checkpoint. */
    static final int EXAMPLE_IMAGES_PER_CLASS = 2;

    /** The smallest input that leaves the CAM tap at least 2x2 on every architecture. */
    static final int MIN_INPUT = 32;
    /** The largest input the demo's generated phantoms and a 2-core machine make sense for. */
    static final int MAX_INPUT = 512;

    private final Options options;
    private final PrintWriter out;

    DemoRun(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Generates data if needed, trains with the monitor (serving its metrics and printing its
     * alerts), prints every checkpoint, and writes the report.
     *
     * @return the exit status: 0, or 1 if the timeline could not be written whole or the report
     *     not at all
     */
    int run() throws IOException, TranslateException {
        // Network and score settings, and the metrics port, are checked before any file is written.
        Engine.getInstance().setRandomSeed((int) options.seed());
        Network network = options.architecture().build(networkConfig());
        CScoreConfig cscore = CScoreConfig.builder().optGoldThreshold(options.goldThreshold()).build();
        MetricsPort.checkFree(options.metricsPort());
        try (OutputLock lock = OutputLock.claim(options.out(), "--out")) {
            refuseEarlierCheckpoints();
            Splits splits = options.fashionMnistClasses().isEmpty() ? chestRadiographs() : fashionMnist();
            RandomAccessDataset train = splits.train();
            CheckpointTable table = new CheckpointTable(out, options.techniques());
            List<CheckpointResult> results = new ArrayList<>();
            Path timeline = options.out().resolve("timeline.jsonl");
            EpochProgress progress = new EpochProgress();
            try (TimelineWriter writer = TimelineWriter.create(timeline);
                    AlertPrinter alertPrinter = new AlertPrinter(out);
                    CScoreExporter exporter = exporter()) {
                AlertEngine alerts = AlertEngine.builder().optListener(writer::append).optListener(alertPrinter).build();
                ExampleMapsWriter exampleMaps = ExampleMapsWriter.besideTimeline(timeline);
                try (CScoreMonitor monitor = monitor(network, cscore, splits.validation(),
                        List.of(writer, results::add, table::printRow, progress::showLatest), alerts, exporter,
                        exampleMaps)) {
                    alerts.attach(monitor);
                    startExporter(exporter, monitor);
                    out.printf("%s, %d training and %d validation images of %dx%d; %s%n", network.name(), train.size(),
                            splits.validation().labels().length, options.input(), options.input(), describe(network));
                    table.printHeader();
                    long start = System.nanoTime();
                    try (SnapshotSaver saver = checkpointSaver(network, monitor)) {
                        train(network, train, saver == null ? List.of(monitor, progress) : List.of(monitor, progress, saver));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    new DemoSummary(out, results, progress.epochs(), seconds, timeline).print();
                    out.printf("alerts fired: %d (docs/alerts.md says what each means)%n", alertPrinter.fired());
                    out.flush();
                    int status = reportTimeline(writer, results.size());
                    return Math.max(status, writeReport(timeline));
                }
            }
        }
    }

    /**
     * Writes the HTML report of the run beside its timeline. Training is over by now, so a report
     * that cannot be written costs nothing else: one line, and the run ends with status 1.
     */
    private int writeReport(Path timeline) {
        try {
            Path report = HtmlReport.write(timeline, options.out());
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
        return options.out().resolve("checkpoints");
    }

    /** Two runs' checkpoints in one folder would be scored as one run: refuse before any work. */
    private void refuseEarlierCheckpoints() throws IOException {
        Path folder = checkpointFolder();
        if (!options.saveCheckpoints() || !Files.isDirectory(folder)) {
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
    private SnapshotSaver checkpointSaver(Network network, CScoreMonitor monitor) {
        if (!options.saveCheckpoints()) {
            return null;
        }
        SnapshotSaver saver = SnapshotSaver.create(checkpointFolder(),
                SnapshotManifest.of(options.architecture(), networkConfig(), monitor));
        out.println("saving every epoch's parameters in " + checkpointFolder() + " (cscore evaluate scores them)");
        return saver;
    }

    /** The exporter of the demo's run, or none when --metrics-port is 0. */
    private CScoreExporter exporter() {
        if (options.metricsPort() == 0) {
            return null;
        }
        return CScoreExporter.builder().optPort(options.metricsPort()).build();
    }

    private void startExporter(CScoreExporter exporter, CScoreMonitor monitor) {
        if (exporter == null) {
            return;
        }
        try {
            exporter.start(monitor);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--metrics-port " + options.metricsPort() + ": " + e.getMessage(), e);
        }
        out.printf("serving metrics on http://127.0.0.1:%d/metrics while training (--metrics-port 0 turns it off)%n",
                exporter.port());
    }

    /** A timeline that lost records must not look complete: say so and fail the run. */
    private int reportTimeline(TimelineWriter writer, int checkpoints) {
        if (writer.failedWrites() == 0) {
            return 0;
        }
        out.printf("cscore: the timeline is INCOMPLETE: %d of %d records could not be written (%s)%n",
                writer.failedWrites(), writer.failedWrites() + writer.written(), writer.lastFailure());
        out.flush();
        return 1;
    }

    /** The images the demo trains on, and those the monitor draws its sample from. */
    private record Splits(RandomAccessDataset train, LabeledDataset validation) {}

    private Splits chestRadiographs() throws IOException {
        ensurePhantoms();
        return new Splits(dataset(KermanySubset.TRAIN, true), dataset(KermanySubset.VALIDATION, false));
    }

    /** Two Fashion-MNIST classes: training images from the training file, validation from the test file. */
    private Splits fashionMnist() throws IOException {
        out.println("using Fashion-MNIST " + options.fashionMnistClasses() + " from " + FashionMnistIdx.DEFAULT_DIRECTORY);
        FashionMnistIdx train = fashionMnist(Dataset.Usage.TRAIN, options.trainPerClass(), true);
        FashionMnistIdx validation = fashionMnist(Dataset.Usage.TEST,
                Math.max(options.trainPerClass() / 4, options.samplePerClass()), false);
        return new Splits(train, validation);
    }

    private FashionMnistIdx fashionMnist(Dataset.Usage usage, int perClass, boolean shuffle) throws IOException {
        return FashionMnistIdx.builder()
                .optUsage(usage)
                .optClasses(options.fashionMnistClasses().toArray(String[]::new))
                .optLimitPerClass(perClass)
                .optImageSize(options.input())
                .setSampling(options.batchSize(), shuffle)
                .build();
    }

    /**
     * Generates phantoms into the default data folder if it has none, and otherwise checks that the
     * phantoms there were made with the same settings and are unchanged since; a folder given with
     * --data is only read.
     */
    private void ensurePhantoms() throws IOException {
        if (options.dataGiven()) {
            out.println("using the images in " + options.data());
            return;
        }
        ChestPhantoms phantoms = ChestPhantoms.builder()
                .optSeed(options.seed())
                .optImageSize(Math.max(options.input(), 64))
                .optImagesPerClass(KermanyFolder.TRAIN, options.trainPerClass())
                .optImagesPerClass(KermanyFolder.TEST, Math.max(options.trainPerClass() / 4, 2))
                .optShortcutRate(options.shortcutRate())
                .build();
        if (Files.isDirectory(options.data().resolve(KermanyFolder.TRAIN.folderName()))) {
            List<String> differences = phantoms.differencesFrom(options.data());
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(options.data() + " holds phantoms made with other settings: "
                        + String.join(", ", differences) + "; delete it or choose another --out");
            }
        }
        // Reused only if every image is as generated; otherwise generated again (docs/data.md).
        phantoms.prepare(options.data(), line -> {
            out.println(line);
            out.flush();
        });
    }

    private KermanyDataset dataset(KermanySubset split, boolean shuffle) throws IOException {
        return KermanyDataset.builder()
                .setRoot(options.data())
                .optSplit(split)
                .optImageSize(options.input())
                .optValidationFraction(0.2f)
                .optSeed(options.seed())
                .setSampling(options.batchSize(), shuffle)
                .build();
    }

    private NetworkConfig networkConfig() {
        return networkConfig(options.input(), options.width(), 2);
    }

    /** The demo's scale of an architecture; cscore pretrain builds the same backbone. */
    static NetworkConfig networkConfig(int input, float width, int numClasses) {
        return NetworkConfig.builder()
                .optInputSize(input)
                .optNumClasses(numClasses)
                .optWidthMultiplier(width)
                .optMaxBlocksPerStage(2)
                .optStemDownsampling(input >= 160)
                .build();
    }

    private String describe(Network network) {
        return "CAM tap " + network.camTaps().primary() + ", techniques "
                + options.techniques().stream().map(Technique::label).toList();
    }

    private CScoreMonitor monitor(
            Network network, CScoreConfig cscore, LabeledDataset validation,
            List<Consumer<CheckpointResult>> sinks, AlertEngine alerts, CScoreExporter exporter,
            ExampleMapsWriter exampleMaps) {
        CScoreMonitorBuilder builder = CScoreMonitor.builder()
                .setValidationData(validation)
                .setNetwork(network)
                .optTechniques(options.techniques().toArray(Technique[]::new))
                .optSamplePerClass(options.samplePerClass())
                .optCScore(cscore)
                .optScoreCam(options.scoreCam())
                .optSeed(options.seed())
                .optRunName("demo")
                .optExampleImages(EXAMPLE_IMAGES_PER_CLASS, exampleMaps);
        sinks.forEach(builder::optSink);
        builder.optSink("alerts", alerts);
        if (exporter != null) {
            builder.optSink("prometheus", exporter);
        }
        return builder.build();
    }

    private void train(Network network, RandomAccessDataset train, List<TrainingListener> listeners)
            throws IOException, TranslateException {
        TrainingListener[] all = listeners.toArray(TrainingListener[]::new);
        try (Model model = Model.newInstance(network.name())) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            if (options.backbone() != null) {
                network.loadBackbone(options.backbone(), model.getNDManager());
                out.println("backbone loaded from " + options.backbone());
            }
            if (options.transferEpochs() > 0) {
                network.freezeBackbone(true);
                PhaseTraining.fit(model, train, options.transferEpochs(), options.learningRate(), all);
                network.freezeBackbone(false);
            }
            if (options.finetuneEpochs() > 0) {
                PhaseTraining.fit(model, train, options.finetuneEpochs(), options.learningRate(), all);
            }
        }
    }
}
