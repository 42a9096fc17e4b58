package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

class NetworkFreezingTest {

    private static final int BATCH = 4;
    /** Freezing does not depend on scale: the smallest networks keep the test fast. */
    private static final NetworkConfig TINY = NetworkConfig.builder().optInputSize(32).optNumClasses(2)
            .optWidthMultiplier(0.125f).optMaxBlocksPerStage(1).optStemDownsampling(false).build();

    private Model model;
    private Trainer trainer;
    private Network network;

    private void setUp(Architecture architecture) {
        Engine.getInstance().setRandomSeed(11);
        network = architecture.build(TINY);
        model = Model.newInstance("freezing");
        model.setBlock(network.block());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH).addAll(network.inputShape()));
    }

    @AfterEach
    void close() {
        if (trainer != null) {
            trainer.close();
            model.close();
        }
    }

    private void trainOneStep() {
        NDManager manager = trainer.getManager();
        NDArray images = manager.randomUniform(0, 1, new Shape(BATCH).addAll(network.inputShape()));
        NDArray labels = manager.create(new float[] {0, 1, 0, 1});
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            collector.backward(trainer.getLoss().evaluate(new NDList(labels), predictions));
        }
        trainer.step();
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static long changed(Map<String, float[]> before, Map<String, float[]> after) {
        return before.keySet().stream().filter(k -> !Arrays.equals(before.get(k), after.get(k))).count();
    }

    @Nested
    class WhenTheBackboneIsFrozen {

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void trainingLeavesTheBackboneBitwiseAndChangesTheHead(Architecture architecture) {
            setUp(architecture);
            network.freezeBackbone(true);
            Map<String, float[]> backbone = snapshot(network.backbone());
            Map<String, float[]> head = snapshot(network.head());

            trainOneStep();

            assertTrue(network.isBackboneFrozen());
            Map<String, float[]> after = snapshot(network.backbone());
            backbone.forEach((key, value) -> assertArrayEquals(value, after.get(key), key));
            // weight and bias of the dense layer
            assertTrue(changed(head, snapshot(network.head())) == 2);
        }
    }

    @Nested
    class AfterUnfreezing {

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void trainingChangesBackboneAndHead(Architecture architecture) {
            setUp(architecture);
            network.freezeBackbone(true);
            network.freezeBackbone(false);
            Map<String, float[]> backbone = snapshot(network.backbone());
            Map<String, float[]> head = snapshot(network.head());

            trainOneStep();

            assertFalse(network.isBackboneFrozen());
            // Every backbone parameter moves: weights by SGD, running statistics by the batch.
            assertTrue(changed(backbone, snapshot(network.backbone())) == backbone.size(),
                    changed(backbone, snapshot(network.backbone())) + " of " + backbone.size());
            assertTrue(changed(head, snapshot(network.head())) == 2);
            for (Parameter p : network.backbone().getParameters().values()) {
                boolean statistic = p.getType() == Parameter.Type.RUNNING_MEAN
                        || p.getType() == Parameter.Type.RUNNING_VAR;
                assertTrue(p.requiresGradient() != statistic, p.getName());
            }
        }
    }
}
