package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.ChannelGrouping;
import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.monitor.ValidationSample;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScore;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.score.ClassScore;
import io.github.cscore.score.GoldMaps;
import io.github.cscore.score.Softmax;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A bench command measuring how far Score-CAM's approximations are from the exact method on a
 * trained network, and what each costs.
 *
 * <p>Trains ResNet50V2 at the demo scale ({@link NetworkConfig#demo(int, float, int)}: width 0.25,
 * two units per stage, 512 channels at the tap) with the demo's training (Adam 0.001, batches of
 * 32) on chest phantoms (400 per class, a fifth carved out for validation), then picks the images
 * the monitor would score: its stratified validation sample (16 per class, seed 42) and, in it,
 * each class's gold list by the default threshold (correct, confidence at least 0.9). It explains
 * the gold images with the exact Score-CAM and with each approximation, and prints, per
 * approximation: masked forward passes per image, time and CPU time per image, the Pearson
 * correlation of each image's map with its exact map (mean and minimum), the C-Score of each class
 * as the monitor computes it (default settings: R = 64, gamma = 2, confidence weights), its
 * largest distance from the exact one, and whether the approximation meets the bar for a default
 * (mean r at least 0.95 and every class within 0.02 of the exact C-Score). Run with
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE mvn -q -B -Pbench test-compile exec:exec \
 *     -Dbench.main=io.github.cscore.bench.ScoreCamFidelity '-Dbench=64 6'
 * </pre>
 *
 * with the input size and the number of epochs (defaults 64 and 6; 48 is the study's input). A
 * third argument, the path of a backbone file ({@code cscore pretrain} or {@code cscore study}
 * writes one, for the same input and width), starts from that backbone and fine-tunes every layer
 * at the study's fine-tuning rate (3e-4) instead of training from random weights at 1e-3: the
 * network then reaches a better accuracy in fewer epochs.
 */
public final class ScoreCamFidelity {

    /** The bar an approximation must reach to become a default (issue 21). */
    private static final double MIN_PEARSON = 0.95;
    private static final double MAX_CSCORE_DIFFERENCE = 0.02;
    private static final int TAP_CHANNELS = 512;
    /** The demo's Adam rate, from random weights. */
    private static final float FROM_SCRATCH_RATE = 1e-3f;
    /** The study's fine-tuning rate, from a pretrained backbone. */
    private static final float FINE_TUNING_RATE = 3e-4f;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ScoreCamFidelity() {}

    /**
     * Trains the network and prints the table.
     *
     * @param args the {@code bench} profile's arguments, the last holding the input size, the epochs
     *     and, optionally, a backbone file
     * @throws IOException if the phantoms cannot be written
     * @throws TranslateException if training fails
     */
    public static void main(String[] args) throws IOException, TranslateException {
        String[] options = args.length == 0 ? new String[0] : args[args.length - 1].trim().split("\\s+");
        int size = options.length > 0 && options[0].matches("\\d+") ? Integer.parseInt(options[0]) : 64;
        int epochs = options.length > 1 ? Integer.parseInt(options[1]) : 6;
        Path backbone = options.length > 2 ? Path.of(options[2]) : null;
        float rate = backbone == null ? FROM_SCRATCH_RATE : FINE_TUNING_RATE;
        Path root = Files.createTempDirectory("cscore-fidelity");
        ChestPhantoms.builder().optSeed(3).optImageSize(size)
                .optImagesPerClass(KermanyFolder.TRAIN, 400).build().writeTo(root);
        KermanyDataset train = dataset(root, KermanySubset.TRAIN, size);
        KermanyDataset validation = dataset(root, KermanySubset.VALIDATION, size);
        Engine.getInstance().setRandomSeed(3);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo(size, NetworkConfig.DEMO_WIDTH_MULTIPLIER, 2));
        long start = System.nanoTime();
        try (Model model = Model.newInstance("fidelity")) {
            model.setBlock(network.block());
            if (backbone != null) {
                // Loaded before the trainer exists, as MonitoredTrainingBuilder does: a trainer keeps the arrays it saw.
                network.initialize(model.getNDManager());
                network.loadBackbone(backbone, model.getNDManager());
            }
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(rate)).build()))) {
                if (backbone == null) {
                    trainer.initialize(new Shape(1, 3, size, size));
                }
                EasyTrain.fit(trainer, epochs, train, null);
            }
            System.out.printf("ResNet50V2 at input %d (demo scale), %s, %d epochs at %s on %d phantoms: %.0f s%n",
                    size, backbone == null ? "from random weights" : "from the backbone " + backbone.getFileName(),
                    epochs, rate, train.labels().length, (System.nanoTime() - start) / 1e9);
            try (NDManager manager = NDManager.newBaseManager()) {
                new Measurement(network, validation, manager).run();
            }
        }
    }

    private static KermanyDataset dataset(Path root, KermanySubset subset, int size) throws IOException {
        return KermanyDataset.builder().setRoot(root).optSubset(subset).optImageSize(size)
                .optValidationFraction(0.2f).setSampling(32, true).build();
    }

    /** The approximations measured, by name; the two input sizes are three quarters and half of the input. */
    static Map<String, ScoreCamConfig> approximations(int size) {
        Map<String, ScoreCamConfig> configs = new LinkedHashMap<>();
        for (int k : new int[] {256, 128, 64}) {
            configs.put("top-" + k + ", gradient contribution", ScoreCamConfig.topK(k, ChannelSelection.GRADIENT_CONTRIBUTION));
        }
        for (ChannelGrouping grouping : ChannelGrouping.values()) {
            for (int g : new int[] {128, 64, 32}) {
                configs.put(g + " groups, " + grouping.name().toLowerCase(Locale.ROOT),
                        ScoreCamConfig.channelGroups(g, grouping));
            }
        }
        for (int s : new int[] {size * 3 / 4, size / 2}) {
            configs.put("input " + s + " (of " + size + ")", ScoreCamConfig.lowerResolution(s));
        }
        return configs;
    }

    /** The gold images of the monitor's validation sample, and the maps of every variant. */
    private static final class Measurement {
        private final Network network;
        private final int size;
        private final NDArray images;
        private final int[] targets;
        private final float[] confidences;

        Measurement(Network network, KermanyDataset validation, NDManager manager) {
            this.network = network;
            this.size = (int) network.inputShape().get(1);
            ValidationSample sample = ValidationSample.draw(
                    validation, CScoreMonitorBuilder.DEFAULT_SAMPLE_PER_CLASS, CScoreMonitorBuilder.DEFAULT_SEED);
            int[] labels = sample.labels();
            NDArray sampleImages = stack(validation, sample.datasetIndices(), manager);
            float[][] probabilities;
            try (CamPass pass = explainer(ScoreCamConfig.ofDefaults()).run(sampleImages, labels)) {
                probabilities = Softmax.rows(pass.logits());
            }
            int[][] goldLists = CScore.ofDefaults().goldLists(labels, probabilities);
            int[] gold = Arrays.stream(goldLists).flatMapToInt(Arrays::stream).sorted().toArray();
            System.out.printf("validation: %d images, accuracy %.3f; the monitor's sample: %s images per class, "
                    + "accuracy %.3f; gold lists (p >= %.1f): %s %d, %s %d%n%n", validation.labels().length,
                    accuracy(network, validation, manager), Arrays.toString(sample.classSizes()),
                    accuracy(labels, probabilities), CScoreConfig.DEFAULT_GOLD_THRESHOLD,
                    sample.classNames().get(0), goldLists[0].length, sample.classNames().get(1), goldLists[1].length);
            this.images = sampleImages.get(manager.create(Arrays.stream(gold).mapToLong(i -> i).toArray()));
            this.targets = Arrays.stream(gold).map(i -> labels[i]).toArray();
            this.confidences = new float[targets.length];
            for (int i = 0; i < targets.length; i++) {
                confidences[i] = probabilities[gold[i]][targets[i]];
            }
        }

        private static NDArray stack(KermanyDataset data, int[] indices, NDManager manager) {
            Shape shape = data.imageShape();
            int pixels = (int) shape.size();
            float[] all = new float[indices.length * pixels];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(data.image(indices[i]), 0, all, i * pixels, pixels);
            }
            return manager.create(all, new Shape(indices.length).addAll(shape));
        }

        /** The accuracy on every validation image, in batches to bound the shared pass's memory. */
        private double accuracy(Network network, KermanyDataset data, NDManager manager) {
            int n = data.labels().length;
            int[] labels = data.labels();
            long correct = 0;
            for (int from = 0; from < n; from += 32) {
                int[] indices = IntStream.range(from, Math.min(n, from + 32)).toArray();
                int[] batchLabels = Arrays.stream(indices).map(i -> labels[i]).toArray();
                try (NDManager scope = manager.newSubManager();
                        CamPass pass = explainer(ScoreCamConfig.ofDefaults()).run(stack(data, indices, scope), batchLabels)) {
                    correct += Math.round(accuracy(batchLabels, Softmax.rows(pass.logits())) * indices.length);
                }
            }
            return correct / (double) n;
        }

        private static double accuracy(int[] labels, float[][] probabilities) {
            long correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += argmax(probabilities[i]) == labels[i] ? 1 : 0;
            }
            return correct / (double) labels.length;
        }

        private static int argmax(float[] values) {
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                best = values[i] > values[best] ? i : best;
            }
            return best;
        }

        private CamExplainer explainer(ScoreCamConfig config) {
            return CamExplainer.builder().setNetwork(network).optTechniques(Technique.SCORE_CAM)
                    .optImplementation(new ScoreCam(config)).build();
        }

        void run() {
            warmUp();
            Timed exact = timed(explainer(ScoreCamConfig.ofDefaults()));
            double[] exactScores = cscores(exact.maps);
            System.out.println("| approximation | masked forwards per image | s per image | CPU s per image | CPU speed-up "
                    + "| Pearson r, mean (min) | C-Score NORMAL | C-Score PNEUMONIA | largest abs. C-Score difference "
                    + "| meets the bar |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            System.out.printf("| exact | %d | %.2f | %.2f | 1.0 | 1 | %.4f | %.4f | 0 | |%n", TAP_CHANNELS,
                    exact.seconds, exact.cpuSeconds, exactScores[0], exactScores[1]);
            approximations(size).forEach((name, config) -> System.out.println(row(name, config, exact, exactScores)));
        }

        /** One exact explanation first, so that the engine's first masked batches are not timed. */
        private void warmUp() {
            try (NDArray first = images.get("0:1")) {
                explainer(ScoreCamConfig.ofDefaults()).explain(first, new int[] {targets[0]});
            }
        }

        private String row(String name, ScoreCamConfig config, Timed exact, double[] exactScores) {
            Timed approximate = timed(explainer(config));
            double sum = 0;
            double min = 1;
            for (int i = 0; i < targets.length; i++) {
                double r = pearson(exact.maps.map(i), approximate.maps.map(i));
                sum += r;
                min = Math.min(min, r);
            }
            double mean = sum / targets.length;
            double[] scores = cscores(approximate.maps);
            double difference = Math.max(Math.abs(scores[0] - exactScores[0]), Math.abs(scores[1] - exactScores[1]));
            boolean meetsBar = mean >= MIN_PEARSON && difference <= MAX_CSCORE_DIFFERENCE;
            return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.1f | %.3f (%.3f) | %.4f | %.4f | %.4f | %s |",
                    name, forwards(config), approximate.seconds, approximate.cpuSeconds,
                    exact.cpuSeconds / approximate.cpuSeconds, mean, min, scores[0], scores[1], difference,
                    meetsBar ? "yes" : "no");
        }

        private static String forwards(ScoreCamConfig config) {
            if (config.topK() > 0) {
                return Integer.toString(config.topK());
            }
            if (config.groups() > 0) {
                return "at most " + config.groups();
            }
            return TAP_CHANNELS + " at " + config.maskedInputSize() + " x " + config.maskedInputSize();
        }

        private Timed timed(CamExplainer explainer) {
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            CamMaps maps = explainer.explain(images, targets).get(Technique.SCORE_CAM);
            return new Timed(maps, (System.nanoTime() - start) / 1e9 / targets.length,
                    (OS.getProcessCpuTime() - cpu) / 1e9 / targets.length);
        }

        /** The C-Score of each class over its gold list, as the monitor scores it (GoldMaps, default settings). */
        private double[] cscores(CamMaps maps) {
            GoldMaps gold = new GoldMaps(2, CScoreConfig.DEFAULT_RESOLUTION);
            for (int i = 0; i < targets.length; i++) {
                gold.add(targets[i], maps.map(i), maps.width(), maps.height(), confidences[i]);
            }
            return CScore.ofDefaults().score(gold).stream().mapToDouble(ClassScore::score).toArray();
        }
    }

    private record Timed(CamMaps maps, double seconds, double cpuSeconds) {}

    static double pearson(float[] a, float[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        if (varianceA == 0 || varianceB == 0) {
            return varianceA == varianceB ? 1 : 0; // two flat maps agree; a flat and a non-flat one do not
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
