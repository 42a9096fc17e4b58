package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

@ExtendWith(EngineManagerExtension.class)
class KerasBatchNormTest {

    private static final float EPS = 1e-3f;

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void keepManager(NDManager manager) {
        this.manager = manager;
        store = new ParameterStore(manager, false);
    }

    /** Batch of two 1x1 images with one channel: values 1 and 3 (mean 2, variance 1, unbiased 2). */
    private NDArray twoPixels() {
        return manager.create(new float[] {1, 3}, new Shape(2, 1, 1, 1));
    }

    private KerasBatchNorm initialised(boolean scale) {
        KerasBatchNorm bn = new KerasBatchNorm(scale, EPS, 0.9f);
        bn.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 1));
        return bn;
    }

    private static float[] value(KerasBatchNorm bn, String name) {
        return bn.getParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void withoutScaleThereIsNoGamma() {
        List<String> names = new KerasBatchNorm(false, EPS, 0.9f).getParameters().keys();

        assertEquals(List.of("beta", "runningMean", "runningVar"), names);
        assertEquals(List.of("gamma", "beta", "runningMean", "runningVar"),
                new KerasBatchNorm(true, EPS, 0.9f).getParameters().keys());
    }

    @Test
    void trainingNormalisesWithBatchStatisticsAndUpdatesRunningOnes() {
        KerasBatchNorm bn = initialised(false);
        bn.getParameters().get("beta").getArray().set(new float[] {0.5f});

        float[] out = bn.forward(store, new NDList(twoPixels()), true).singletonOrThrow().toFloatArray();

        // (x - 2) / sqrt(1 + eps) + beta
        float unit = (float) (1 / Math.sqrt(1 + EPS));
        assertArrayEquals(new float[] {0.5f - unit, 0.5f + unit}, out, 1e-6f);
        // running = 0.9 running + 0.1 batch; PyTorch keeps the unbiased variance (2)
        assertArrayEquals(new float[] {0.2f}, value(bn, "runningMean"), 1e-6f);
        assertArrayEquals(new float[] {1.1f}, value(bn, "runningVar"), 1e-6f);
    }

    @Test
    void inferenceUsesRunningStatisticsAndGamma() {
        KerasBatchNorm bn = initialised(true);
        bn.getParameters().get("gamma").getArray().set(new float[] {2f});
        bn.getParameters().get("runningMean").getArray().set(new float[] {1f});
        bn.getParameters().get("runningVar").getArray().set(new float[] {4f});

        float[] out = bn.forward(store, new NDList(twoPixels()), false).singletonOrThrow().toFloatArray();

        // 2 (x - 1) / sqrt(4 + eps)
        float s = (float) (2 / Math.sqrt(4 + EPS));
        assertArrayEquals(new float[] {0, 2 * s}, out, 1e-6f);
        assertArrayEquals(new float[] {1f}, value(bn, "runningMean"));
    }

    @Test
    void frozenLayerRunsInInferenceModeWhileTraining() {
        KerasBatchNorm bn = initialised(false);
        bn.freezeParameters(true);

        float[] out = bn.forward(store, new NDList(twoPixels()), true).singletonOrThrow().toFloatArray();

        // running statistics 0 and 1: x / sqrt(1 + eps), and they stay as they were
        float s = (float) (1 / Math.sqrt(1 + EPS));
        assertArrayEquals(new float[] {s, 3 * s}, out, 1e-6f);
        assertArrayEquals(new float[] {0f}, value(bn, "runningMean"));
        assertArrayEquals(new float[] {1f}, value(bn, "runningVar"));
        for (Parameter p : bn.getParameters().values()) {
            assertEquals(false, p.requiresGradient(), p.getName());
        }
    }
}
