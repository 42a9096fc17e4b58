package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-zero case of DJL's first-step check, built on purpose: a frozen "backbone" under a
 * linear softmax head, fed all-zero images. The backbone's output is then exactly zero, so the
 * head's weight gradients are exactly zero; its bias starts at zero, so both classes get
 * probability 0.5 and the bias gradients of every image are exactly -0.5 and +0.5. Their signed sum
 * is exactly 0.0f while the gradient is anything but zero.
 */
@ExtendWith(EngineManagerExtension.class)
class TrainingTest {

    private static final int FEATURES = 4;

    private NDManager manager;
    private Model model;
    private SequentialBlock block;

    @BeforeEach
    void setUp(NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        this.manager = manager;
        SequentialBlock backbone = new SequentialBlock().add(Linear.builder().setUnits(FEATURES).build());
        block = new SequentialBlock().add(backbone).add(Linear.builder().setUnits(2).build());
        model = Model.newInstance("frozen-backbone");
        model.setBlock(block);
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
        backbone.freezeParameters(true);
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private ArrayDataset zeroImages() {
        return new ArrayDataset.Builder()
                .setData(manager.zeros(new Shape(4, 3)))
                .optLabels(manager.create(new float[] {0, 0, 0, 1}))
                .setSampling(4, false)
                .build();
    }

    private Trainer trainer(float learningRate) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build());
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(4, 3));
        return trainer;
    }

    private float[] headBias() {
        for (Parameter parameter : block.getChildren().get(1).getValue().getParameters().values()) {
            if (parameter.getType() == Parameter.Type.BIAS) {
                return parameter.getArray().toFloatArray();
            }
        }
        throw new AssertionError("the head has no bias");
    }

    @Test
    void djlStopsThisSoundTrainingAtTheFirstStep() {
        try (Trainer trainer = trainer(0.1f)) {
            IllegalStateException error =
                    assertThrows(IllegalStateException.class, () -> EasyTrain.fit(trainer, 1, zeroImages(), null));

            assertTrue(error.getMessage().startsWith("Gradient values are all zeros"), error.getMessage());
        }
    }

    @Test
    void trainingFitTrainsTheHeadOfTheSameSetUp() throws Exception {
        float[] before = headBias();

        try (Trainer trainer = trainer(0.1f)) {
            Training.fit(trainer, 1, zeroImages(), null);
        }

        float[] after = headBias();
        assertNotEquals(before[0], after[0], "the head's bias was updated");
        // One batch, three images of class 0 and one of class 1: the mean bias gradient of class 0
        // is (3 * -0.5 + 0.5) / 4 = -0.25, so SGD at 0.1 raises that bias by 0.025.
        assertEquals(0.025f, after[0] - before[0], 1e-6f);
        assertEquals(-0.025f, after[1] - before[1], 1e-6f);
    }

    @Test
    void aStepWithoutBackwardIsStillRefused() {
        try (Trainer trainer = trainer(0.1f)) {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> Training.step(trainer, true));

            assertTrue(error.getMessage().startsWith("every trainable gradient is zero"), error.getMessage());
        }
    }
}
