package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

@ExtendWith(EngineManagerExtension.class)
class TappedModelTest {

    private NDManager manager;

    @BeforeEach
    void keepManager(NDManager manager) {
        this.manager = manager;
    }

    // Linear weights (3 classes x 2 channels) of the GAP-linear model.
    private static final float[] WEIGHTS = {1f, -2f, 0.5f, 3f, -1f, -1f};
    private static final float[] BIAS = {0.1f, 0.2f, 0.3f};

    private NDArray randomInput(long n, long c, long h, long w, int seed) {
        Random random = new Random(seed);
        float[] values = new float[(int) (n * c * h * w)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return manager.create(values, new Shape(n, c, h, w));
    }

    @Test
    void gradientAtTapIsLinearWeightOverPositionsOnGapLinearModel() {
        Network network = TestNetworks.gapLinear(manager, 2, 3, 4, WEIGHTS, BIAS);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("features/b").build();
        NDArray input = randomInput(2, 2, 3, 4, 1);

        TappedPass pass = model.forwardBackward(manager, input, new int[] {1, 2});

        // d logit_c / d A_kij = W_ck / (h * w): image 0 targets class 1, image 1 class 2.
        float[] gradients = pass.gradient("features/b").toFloatArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(0.5f / 12, gradients[i], 1e-7, "image 0, channel 0");
            assertEquals(3f / 12, gradients[12 + i], 1e-7, "image 0, channel 1");
            assertEquals(-1f / 12, gradients[24 + i], 1e-7, "image 1, channel 0");
            assertEquals(-1f / 12, gradients[36 + i], 1e-7, "image 1, channel 1");
        }
    }

    @Test
    void activationsAtIdentityTapEqualTheInputAndLogitsMatchAPlainForward() {
        Network network = TestNetworks.gapLinear(manager, 2, 3, 4, WEIGHTS, BIAS);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("a", "features/a").build();
        NDArray input = randomInput(3, 2, 3, 4, 2);

        TappedPass pass = model.forwardBackward(manager, input, new int[] {0, 1, 2});

        assertArrayEquals(input.toFloatArray(), pass.activation("a").toFloatArray());
        assertArrayEquals(model.logits(input).toFloatArray(), pass.logits().toFloatArray(), 1e-6f);
        float[] expected = gapLinearLogits(input.toFloatArray(), 3, 2, 12);
        assertArrayEquals(expected, pass.logits().toFloatArray(), 1e-5f);
    }

    private static float[] gapLinearLogits(float[] input, int n, int channels, int positions) {
        int classes = BIAS.length;
        float[] logits = new float[n * classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                float sum = BIAS[c];
                for (int k = 0; k < channels; k++) {
                    float mean = 0;
                    for (int p = 0; p < positions; p++) {
                        mean += input[(i * channels + k) * positions + p] / positions;
                    }
                    sum += WEIGHTS[c * channels + k] * mean;
                }
                logits[i * classes + c] = sum;
            }
        }
        return logits;
    }

    @Test
    void tapsInsideNestedBlocksHaveTheirLayerShapesAndNonZeroGradients() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder()
                .setBlock(network.block())
                .addTap("backbone/stage1/relu")
                .addTap("late", "backbone/stage2")
                .build();

        TappedPass pass = model.forwardBackward(manager, randomInput(2, 3, 16, 16, 3), new int[] {0, 1});

        assertEquals(new Shape(2, 16, 8, 8), pass.activation("backbone/stage1/relu").getShape());
        assertEquals(new Shape(2, 32, 4, 4), pass.activation("late").getShape());
        assertTrue(pass.gradient("backbone/stage1/relu").abs().sum().getFloat() > 0);
        assertTrue(pass.gradient("late").abs().sum().getFloat() > 0);
        assertEquals(List.of("backbone/stage1/relu", "late"), model.tapNames());
    }

    @Test
    void forwardOnlyPassHasActivationsButNoGradients() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

        TappedPass pass = model.forward(manager, randomInput(1, 3, 16, 16, 4));

        assertFalse(pass.hasGradients());
        assertEquals(new Shape(1, 32, 4, 4), pass.activation("backbone/stage2").getShape());
        assertThrows(IllegalStateException.class, () -> pass.gradient("backbone/stage2"));
    }

    /**
     * PyTorch's gradient mode is thread-local and on in every thread but the one that loaded the
     * engine (and inside a gradient collector): the model's forward-only passes run with it off,
     * so that they record no autograd graph through the parameters of a network in training, and
     * leave the thread's mode as they found it.
     */
    @Test
    void forwardOnlyPassesRunWithGradientRecordingOffAndRestoreTheThreadsMode() {
        List<Boolean> recording = new ArrayList<>();
        NamedSequentialBlock block = new NamedSequentialBlock()
                .add("probe", new LambdaBlock(x -> {
                    recording.add(JniUtils.isGradMode());
                    return x;
                }))
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("linear", Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4, 4));
        TappedModel model = TappedModel.builder().setBlock(block).addTap("probe").build();
        NDArray input = randomInput(2, 3, 4, 4, 5);
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            recording.clear();

            model.logits(input);
            model.forward(manager, input);

            assertEquals(List.of(false, false), recording);
            assertTrue(JniUtils.isGradMode(), "the thread's gradient mode is restored");
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** Input 3 x 16 x 16 (768), stem 8 x 16 x 16 (2048), stage1 16 x 8 x 8 (1024), stage2 32 x 4 x 4 (512), ... */
    @Test
    void largestActivationIsTheLargestBlockOutputOfOneImage() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);

        TappedModel model = TappedModel.builder().setBlock(network.block()).build();

        assertEquals(2048, model.largestActivation());
    }

    @Test
    void explainingLeavesParameterGradientsAndRunningStatisticsExactlyAsTheyWere() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 5);
        try (Model owner = Model.newInstance("observer");
                Trainer trainer = trainerAfterOneBatch(owner, network)) {
            Map<String, float[]> before = snapshot(network.block());
            TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

            model.forwardBackward(manager, randomInput(4, 3, 16, 16, 6), new int[] {0, 1, 0, 1});
            model.forward(manager, randomInput(2, 3, 16, 16, 7));

            Map<String, float[]> after = snapshot(network.block());
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
            long withGradient = network.block().getParameters().values().stream()
                    .filter(p -> p.getArray().hasGradient()).count();
            assertTrue(withGradient > 0, "trainable parameters still require gradients");
        }
    }

    /** Trains one batch (forward, backward, no step) so the parameters hold gradients. */
    private Trainer trainerAfterOneBatch(Model owner, Network network) {
        owner.setBlock(network.block());
        Trainer trainer = owner.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()));
        trainer.initialize(new Shape(4, 3, 16, 16));
        NDManager batchManager = trainer.getManager();
        NDList data = new NDList(batchManager.randomUniform(0, 1, new Shape(4, 3, 16, 16)));
        NDList labels = new NDList(batchManager.create(new float[] {0, 1, 1, 0}));
        Batch batch = new Batch(batchManager, data, labels, 1, null, null, 0, 1);
        EasyTrain.trainBatch(trainer, batch);
        return trainer;
    }

    /** Every parameter value, every gradient, bitwise. */
    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            values.put(parameter.getKey(), array.toFloatArray());
            if (array.hasGradient()) {
                values.put(parameter.getKey() + ".grad", array.getGradient().toFloatArray());
            }
        }
        return values;
    }

    @Test
    void rejectsAnInputOfTheWrongShape() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.forwardBackward(manager, randomInput(1, 3, 17, 16, 1), new int[] {0}));

        assertEquals("input must have shape (N, 3, 16, 16) with N >= 1, but was (1, 3, 17, 16)",
                error.getMessage());
    }

    @Test
    void logitsAcceptAnotherHeightAndWidthButNotOtherChannels() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

        NDArray smaller = model.logits(randomInput(2, 3, 8, 12, 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.logits(randomInput(1, 4, 16, 16, 1)));

        assertEquals(new Shape(2, 2), smaller.getShape());
        assertEquals("input must have shape (N, 3, height, width) with N >= 1, but was (1, 4, 16, 16)",
                error.getMessage());
    }

    @Test
    void rejectsATargetClassOutOfRange() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.forwardBackward(manager, randomInput(2, 3, 16, 16, 1), new int[] {0, 2}));

        assertEquals("target class of image 1 must be in [0, 2), but was 2", error.getMessage());
    }

    @Test
    void rejectsOneTargetCountPerImageMismatch() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel model = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage2").build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.forwardBackward(manager, randomInput(2, 3, 16, 16, 1), new int[] {0}));

        assertTrue(error.getMessage().startsWith("targetClasses must have one class per image (2)"));
    }

    @Test
    void rejectsAnUnknownTapNamingTheMissingChild() {
        Network network = TestNetworks.smallCnn(manager, 16, 2, 3);
        TappedModel.Builder builder = TappedModel.builder().setBlock(network.block()).addTap("backbone/stage9");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().startsWith(
                "unknown block path 'backbone/stage9': no child 'stage9' under '01backbone'"),
                error.getMessage());
    }

    @Test
    void rejectsATapInsideABlockThatIsNotSequential() {
        ParallelBlock parallel = new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(Linear.builder().setUnits(2).build(), Linear.builder().setUnits(2).build()));
        NamedSequentialBlock block = new NamedSequentialBlock().add("branches", parallel);
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
        TappedModel.Builder builder = TappedModel.builder().setBlock(block).addTap("branches/01Linear");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().contains("is a ParallelBlock"), error.getMessage());
    }

    @Test
    void rejectsABlockThatIsNotInitialised() {
        NamedSequentialBlock block = new NamedSequentialBlock().add("linear", Linear.builder().setUnits(2).build());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TappedModel.builder().setBlock(block).addTap("linear").build());

        assertEquals("block must be initialized before tapping", error.getMessage());
    }
}
