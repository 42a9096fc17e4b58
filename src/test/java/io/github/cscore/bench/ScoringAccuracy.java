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

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.CamPass;
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
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScore;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.score.ClassScore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A bench command measuring two approximations on real CAM maps of a trained network: scoring at
 * a lower resolution R instead of the full 224 x 224, and Score-CAM's top-K channel preselection
 * instead of every channel.
 *
 * <p>Trains ResNet50V2 (width 0.25, two units per stage, standard stem: 7x7 tap, 512 channels) on
 * 224 x 224 chest phantoms for ten epochs, explains the correctly classified validation images
 * of each class, and prints Markdown tables. Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.ScoringAccuracy
 * </pre>
 */
public final class ScoringAccuracy {

    private static final int SIZE = 224;
    private static final int[] RESOLUTIONS = {224, 112, 64, 32, 16};
    private static final int[] TOP_K = {256, 128, 64, 32};

    private ScoringAccuracy() {}

    /**
     * Runs the measurement.
     *
     * @param args with {@code top-k} among them (give {@code -Dbench=top-k}), only the Score-CAM
     *     preselection is measured, not the resolutions
     * @throws Exception if training or data generation fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("cscore-accuracy");
        ChestPhantoms.builder().optSeed(3).optImageSize(SIZE)
                .optImagesPerClass(KermanyFolder.TRAIN, 240).build().writeTo(root);
        KermanyDataset train = dataset(root, KermanySubset.TRAIN);
        KermanyDataset validation = dataset(root, KermanySubset.VALIDATION);
        Engine.getInstance().setRandomSeed(3);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.builder().optInputSize(SIZE)
                .optNumClasses(2).optWidthMultiplier(0.25f).optMaxBlocksPerStage(2).build());
        try (Model model = Model.newInstance("accuracy")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()))) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                EasyTrain.fit(trainer, 10, train, null);
            }
            measure(network, validation, Arrays.asList(args).contains("top-k"));
        }
    }

    private static KermanyDataset dataset(Path root, KermanySubset split) throws java.io.IOException {
        return KermanyDataset.builder().setRoot(root).optSubset(split).optImageSize(SIZE)
                .optValidationFraction(0.2f).setSampling(16, true).build();
    }

    private static void measure(Network network, KermanyDataset validation, boolean topKOnly) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = validation.labels().length;
            float[] pixels = new float[n * 3 * SIZE * SIZE];
            for (int i = 0; i < n; i++) {
                System.arraycopy(validation.image(i), 0, pixels, i * 3 * SIZE * SIZE, 3 * SIZE * SIZE);
            }
            NDArray images = manager.create(pixels, new Shape(n, 3, SIZE, SIZE));
            int[] labels = validation.labels();
            CamExplainer explainer = CamExplainer.builder().setNetwork(network).build();
            try (CamPass pass = explainer.run(images, labels)) {
                int[] correct = correct(pass.logits(), labels);
                long normal = Arrays.stream(correct).filter(i -> labels[i] == 0).count();
                System.out.printf("validation images %d, correctly classified %d (NORMAL %d, PNEUMONIA %d)%n%n",
                        n, correct.length, normal, correct.length - normal);
                Map<Technique, CamMaps> maps = new TreeMap<>();
                for (Technique technique : topKOnly ? List.<Technique>of() : Technique.builtIns()) {
                    maps.put(technique, pass.maps(technique, correct, () -> {}));
                }
                if (!topKOnly) {
                    resolutionTable(maps, labels);
                }
            }
            topKTable(network, images, labels);
        }
    }

    private static int[] correct(float[][] logits, int[] labels) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (logits[i][labels[i]] > logits[i][1 - labels[i]]) {
                chosen.add(i);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** C-Score per technique and class at each resolution, and its error against 224. */
    private static void resolutionTable(Map<Technique, CamMaps> maps, int[] labels) {
        System.out.println("| technique | class | maps | C at 224 | R=112 | R=64 | R=32 | R=16 |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Technique, CamMaps> entry : maps.entrySet()) {
            for (int c = 0; c < 2; c++) {
                List<float[]> members = new ArrayList<>();
                for (int i = 0; i < entry.getValue().size(); i++) {
                    if (labels[entry.getValue().imageIndex(i)] == c) {
                        members.add(entry.getValue().map(i));
                    }
                }
                float[] weights = new float[members.size()];
                Arrays.fill(weights, 1f);
                StringBuilder row = new StringBuilder(String.format("| %s | %d | %d", entry.getKey().label(), c, members.size()));
                double full = Double.NaN;
                for (int r : RESOLUTIONS) {
                    CScore score = new CScore(CScoreConfig.builder().optResolution(r).optMinGoldSize(2).build());
                    ClassScore value = score.scoreClass(c, members, SIZE, SIZE, weights);
                    if (r == SIZE) {
                        full = value.score();
                        row.append(String.format(" | %.4f", full));
                    } else {
                        row.append(String.format(" | %+.4f", value.score() - full));
                    }
                }
                System.out.println(row.append(" |"));
            }
        }
        System.out.println();
    }

    /** Score-CAM with top-K against every channel: time per image, map error, correlation. */
    private static void topKTable(Network network, NDArray images, int[] labels) {
        // The last 12 validation images: all of one class in the folder order, so one C-Score.
        int n = Math.min(12, labels.length);
        NDArray subset = images.get((labels.length - n) + ":");
        int[] targets = Arrays.copyOfRange(labels, labels.length - n, labels.length);
        long start = System.nanoTime();
        CamMaps exact = scoreCam(network, 0).explain(subset, targets).get(Technique.SCORE_CAM);
        double exactSeconds = (System.nanoTime() - start) / 1e9 / n;
        System.out.println("| selection | top-K | seconds per image | speed-up | mean abs error | Pearson r (mean) | C-Score |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| exact | all (512) | %.3f | 1.0 | 0 | 1 | %.4f |%n", exactSeconds, cscore(exact));
        for (ChannelSelection selection : ChannelSelection.values()) {
            for (int k : TOP_K) {
                start = System.nanoTime();
                CamMaps approximate = scoreCam(network, k, selection).explain(subset, targets).get(Technique.SCORE_CAM);
                double seconds = (System.nanoTime() - start) / 1e9 / n;
                double error = 0;
                double correlation = 0;
                for (int i = 0; i < n; i++) {
                    error += meanAbsoluteDifference(exact.map(i), approximate.map(i)) / n;
                    correlation += pearson(exact.map(i), approximate.map(i)) / n;
                }
                System.out.printf("| %s | %d | %.3f | %.1f | %.4f | %.4f | %.4f |%n", selection, k, seconds,
                        exactSeconds / seconds, error, correlation, cscore(approximate));
            }
        }
    }

    /** The unweighted C-Score of all maps together, at the default resolution and gamma. */
    private static double cscore(CamMaps maps) {
        List<float[]> all = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            all.add(maps.map(i));
        }
        float[] weights = new float[all.size()];
        Arrays.fill(weights, 1f);
        CScore score = new CScore(CScoreConfig.builder().optMinGoldSize(2).build());
        return score.scoreClass(0, all, SIZE, SIZE, weights).score();
    }

    private static CamExplainer scoreCam(Network network, int topK) {
        return scoreCam(network, topK, ScoreCamConfig.DEFAULT_SELECTION);
    }

    private static CamExplainer scoreCam(Network network, int topK, ChannelSelection selection) {
        return CamExplainer.builder().setNetwork(network).optTechniques(Technique.SCORE_CAM)
                .optImplementation(new ScoreCam(new ScoreCamConfig(32, topK, selection))).build();
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static double pearson(float[] a, float[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i] / a.length;
            meanB += b[i] / b.length;
        }
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
