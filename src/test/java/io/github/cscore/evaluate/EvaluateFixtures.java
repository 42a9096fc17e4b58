package io.github.cscore.evaluate;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.testing.ImageArrays;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A tiny ResNet50V2 and learnable 32x32 two-class images for the evaluation tests. */
final class EvaluateFixtures {

    static final int SIZE = 32;
    static final List<String> CLASSES = List.of("lower", "upper");
    /** ResNet50V2 topology at 32x32, width 1/8, one unit per stage, no stem down-sampling: a 4x4 CAM tap. */
    static final NetworkConfig CONFIG = NetworkConfig.builder()
            .optInputSize(SIZE)
            .optNumClasses(2)
            .optWidthMultiplier(0.125f)
            .optMaxBlocksPerStage(1)
            .optStemDownsampling(false)
            .build();

    private EvaluateFixtures() {}

    static Network network() {
        return Architecture.RESNET50_V2.build(CONFIG);
    }

    /** Class 1 images have a bright square in the upper left, class 0 in the lower right. */
    static float[][] images(int count, int seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int offset = labels[i] == 1 ? 4 : 18;
            for (int p = 0; p < images[i].length; p++) {
                int y = (p / SIZE) % SIZE;
                int x = p % SIZE;
                boolean square = y >= offset && y < offset + 10 && x >= offset && x < offset + 10;
                images[i][p] = (square ? 1.5f : 0f) + 0.3f * (float) random.nextGaussian();
            }
        }
        return images;
    }

    static LabeledDataset validation(int count, int seed) {
        int[] labels = new int[count];
        float[][] images = images(count, seed, labels);
        return LabeledDataset.fromArrays(images, labels, new Shape(3, SIZE, SIZE), CLASSES);
    }

    static ArrayDataset training(NDManager manager, int count, int seed) {
        int[] labels = new int[count];
        float[][] images = images(count, seed, labels);
        return ImageArrays.trainingSet(manager, images, labels, new Shape(3, SIZE, SIZE), 16);
    }

    /** A trainer with a new Adam, as each phase gets one (docs/monitor.md, "Phases"). */
    static Trainer trainer(Model model, TrainingListener... listeners) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                .addTrainingListeners(listeners);
        return model.newTrainer(config);
    }

    /**
     * The result without what depends on the clock (when it finished, how long it took), so that
     * records compare every number exactly: a record's equals compares doubles bit for bit, NaN
     * equal to NaN.
     */
    static CheckpointResult withoutTimes(CheckpointResult result) {
        Map<io.github.cscore.result.Technique, TechniqueResult> techniques = new TreeMap<>();
        result.techniques().forEach((technique, scored) -> techniques.put(technique, new TechniqueResult(
                scored.technique(), scored.skipReason(), scored.detail(), scored.classes(), scored.global(), 0,
                scored.signals())));
        CheckpointResult.Timing none = new CheckpointResult.Timing(Instant.EPOCH, 0, 0);
        return result.isScored()
                ? CheckpointResult.scored(result.identity(), none, result.accuracy(), result.macroAuc(), result.classes(),
                        techniques, result.engineSafePath())
                : CheckpointResult.degenerate(result.identity(), none, result.classes(), techniques.keySet(),
                        result.detail(), result.engineSafePath());
    }
}
