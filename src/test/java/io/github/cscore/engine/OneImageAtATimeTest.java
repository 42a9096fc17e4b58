package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.TappedModel;
import io.github.cscore.model.TappedPass;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The safe path: with {@code optOneImageAtATime} a batch gives exactly what its images give one
 * by one, even on a network where images leak into each other inside a batch (the way the faulty
 * engine behaves).
 */
class OneImageAtATimeTest {

    private static final int[] TARGETS = {0, 1, 1};

    private NDManager manager;
    private NDArray images;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Random random = new Random(14);
        float[] values = new float[TARGETS.length * MixingNetwork.CHANNELS * MixingNetwork.SIZE * MixingNetwork.SIZE];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() - 0.3f;
        }
        images = manager.create(values, new Shape(TARGETS.length, MixingNetwork.CHANNELS, MixingNetwork.SIZE,
                MixingNetwork.SIZE));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void forwardBackwardStacksTheSingleImagePasses() {
        TappedModel safe = MixingNetwork.tapped(manager, true);

        TappedPass stacked = safe.forwardBackward(manager, images, TARGETS);

        assertEquals(new Shape(3, 2), stacked.logits().getShape());
        for (int i = 0; i < TARGETS.length; i++) {
            TappedPass alone = safe.forwardBackward(manager, image(i), new int[] {TARGETS[i]});
            assertArrayEquals(alone.logits().toFloatArray(), stacked.logits().get(i).toFloatArray(), "logits " + i);
            for (String tap : List.of("features/mix", "features/relu")) {
                assertArrayEquals(alone.activation(tap).toFloatArray(), stacked.activation(tap).get(i).toFloatArray(),
                        tap + " activations " + i);
                assertArrayEquals(alone.gradient(tap).toFloatArray(), stacked.gradient(tap).get(i).toFloatArray(),
                        tap + " gradients " + i);
            }
        }
    }

    @Test
    void withoutItTheLeakShowsThroughWhichProvesTheTestNetworkLeaks() {
        TappedModel batched = MixingNetwork.tapped(manager, false);
        TappedModel safe = MixingNetwork.tapped(manager, true);

        float[] leaky = batched.forwardBackward(manager, images, TARGETS).gradient("features/mix").toFloatArray();
        float[] right = safe.forwardBackward(manager, images, TARGETS).gradient("features/mix").toFloatArray();

        assertFalse(Arrays.equals(leaky, right));
    }

    @Test
    void forwardOnlyPassAndLogitsAreSplitToo() {
        TappedModel safe = MixingNetwork.tapped(manager, true);

        TappedPass forward = safe.forward(manager, images);
        NDArray logits = safe.logits(images);

        assertFalse(forward.hasGradients());
        for (int i = 0; i < TARGETS.length; i++) {
            float[] alone = safe.logits(image(i)).toFloatArray();
            assertArrayEquals(alone, forward.logits().get(i).toFloatArray(), "forward logits " + i);
            assertArrayEquals(alone, logits.get(i).toFloatArray(), "logits " + i);
        }
    }

    @Test
    void explainerPassesTheOptionOnAndItsMapsEqualSingleImageMaps() {
        CamExplainer explainer = CamExplainer.builder()
                .setBlock(MixingNetwork.tapped(manager, false).block())
                .setTaps(new CamTaps("features/relu", List.of("features/mix", "features/relu")))
                .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS)
                .optOneImageAtATime(true)
                .build();

        Map<Technique, CamMaps> batch = explainer.explain(images, TARGETS);

        assertTrue(explainer.model().isOneImageAtATime());
        for (int i = 0; i < TARGETS.length; i++) {
            Map<Technique, CamMaps> alone = explainer.explain(image(i), new int[] {TARGETS[i]});
            for (Technique technique : batch.keySet()) {
                assertArrayEquals(alone.get(technique).map(0), batch.get(technique).map(i), technique + " image " + i);
            }
        }
    }

    private NDArray image(int i) {
        return images.get(i + ":" + (i + 1));
    }
}
