package io.github.cscore.monitor;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.ImageArrays;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small, learnable two-class data, a trainer and a monitor for monitor tests. */
final class MonitorFixtures {

    static final int SIZE = 16;
    static final Shape IMAGE = new Shape(3, SIZE, SIZE);

    private MonitorFixtures() {}

    /** Class 1 images have a bright square in the upper left, class 0 in the lower right. */
    static float[][] images(int count, int seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int offset = labels[i] == 1 ? 2 : 9;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean square = y >= offset && y < offset + 5 && x >= offset && x < offset + 5;
                        images[i][(c * SIZE + y) * SIZE + x] = (square ? 1.5f : 0f) + 0.3f * (float) random.nextGaussian();
                    }
                }
            }
        }
        return images;
    }

    static LabeledDataset validation(int count, int seed) {
        int[] labels = new int[count];
        float[][] images = images(count, seed, labels);
        return LabeledDataset.fromArrays(images, labels, IMAGE, List.of("lower", "upper"));
    }

    static ArrayDataset training(NDManager manager, int count, int seed, int batchSize) {
        int[] labels = new int[count];
        float[][] images = images(count, seed, labels);
        return ImageArrays.trainingSet(manager, images, labels, new Shape(3, SIZE, SIZE), batchSize);
    }

    /**
     * A monitor of the small CNN with all six techniques, 32 sample images and a gold threshold
     * of 0.5, as the memory measurements use it.
     */
    static CScoreMonitor allTechniquesMonitor(Network network) {
        return CScoreMonitor.builder()
                .setValidationData(validation(64, 22))
                .setNetwork(network)
                .optTechniques(Technique.builtIns().toArray(Technique[]::new))
                .optSamplePerClass(16)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).build())
                .build();
    }

    /** VmRSS from /proc/self/status, in bytes. */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    static Trainer trainer(Model model, TrainingListener... listeners) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                .addTrainingListeners(listeners);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, 3, SIZE, SIZE));
        return trainer;
    }

    /**
     * A trainer that only hands out the block and a manager: enough for the monitor to score a
     * checkpoint without training.
     */
    static Trainer mockedTrainer(Block block, NDManager manager) {
        Trainer trainer = mock(Trainer.class);
        Model model = mock(Model.class);
        when(trainer.getModel()).thenReturn(model);
        when(model.getBlock()).thenReturn(block);
        when(trainer.getManager()).thenReturn(manager);
        return trainer;
    }
}
