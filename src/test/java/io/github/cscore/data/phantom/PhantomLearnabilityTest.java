package io.github.cscore.data.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The phantoms are learnable: a tiny CNN trained for a few epochs on them separates NORMAL from
 * PNEUMONIA on held-out phantoms. Without a shortcut marker, the only label signal is the
 * opacities, so this also shows that they are visible at 64 x 64.
 */
class PhantomLearnabilityTest {

    private static final int SIZE = 64;
    private static final int EPOCHS = 5;

    @TempDir
    Path root;

    @Test
    void tinyCnnReachesTestAucAbove0point9() throws IOException, TranslateException {
        ChestPhantoms.builder().optSeed(2024).optImageSize(SIZE)
                .optImagesPerClass(KermanyFolder.TRAIN, 400)
                .optImagesPerClass(KermanyFolder.VAL, 2)
                .optImagesPerClass(KermanyFolder.TEST, 60)
                .build().writeTo(root);
        KermanyDataset train = KermanyDataset.builder().setRoot(root).optImageSize(SIZE)
                .optValidationFraction(0).setSampling(32, true).build();
        KermanyDataset test = KermanyDataset.builder().setRoot(root).optImageSize(SIZE)
                .optSubset(KermanySubset.TEST).setSampling(60, false).build();

        Engine.getInstance().setRandomSeed(7);
        int threads = JniUtils.getNumThreads();
        // On two shared cores, two OpenMP threads spin-wait for each other whenever another
        // process holds a core: an epoch then takes 10 s instead of 2 s. One thread does not.
        JniUtils.setNumThreads(1);
        try (Model model = Model.newInstance("tiny-cnn")) {
            model.setBlock(tinyCnn());
            try (Trainer trainer = model.newTrainer(config())) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                EasyTrain.fit(trainer, EPOCHS, train, null);

                double auc = auc(pneumoniaProbabilities(trainer, test), test.labels());
                // 0.97 when measured; the margin absorbs differences between PyTorch builds.
                assertTrue(auc > 0.9, "test AUC " + auc);
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    @Test
    void aucHelperCountsCorrectlyOrderedPairsAndHalfTies() {
        // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 0.35 beats 0.1 only, 0.8 beats
        // both, so 3 of 4 pairs are ordered correctly. A tie counts half.
        assertEquals(0.75, auc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.5, auc(new float[] {0.3f, 0.3f}, new int[] {0, 1}), 1e-12);
    }

    /** Three conv-BN-ReLU stages and global max pooling: a lesion anywhere lights the output. */
    private static Block tinyCnn() {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {16, 32, 32}) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(filters).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return block.add(Pool.globalMaxPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
    }

    private static DefaultTrainingConfig config() {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build())
                .addEvaluator(new Accuracy());
    }

    private static float[] pneumoniaProbabilities(Trainer trainer, KermanyDataset test)
            throws IOException, TranslateException {
        float[] scores = new float[Math.toIntExact(test.size())];
        int offset = 0;
        for (Batch batch : trainer.iterateDataset(test)) {
            try (batch) {
                NDList out = trainer.evaluate(batch.getData());
                NDArray probabilities = out.singletonOrThrow().softmax(1).get(":, 1");
                float[] values = probabilities.toFloatArray();
                System.arraycopy(values, 0, scores, offset, values.length);
                offset += values.length;
            }
        }
        return scores;
    }

    /**
     * ROC AUC of the positive class (label 1) by the Mann-Whitney statistic: the share of
     * (positive, negative) pairs the score orders correctly, ties counting half.
     */
    static double auc(float[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 0) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }
}
