package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.Technique;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimised exact Score-CAM gives the maps of the implementation it replaced ({@link
 * ReferenceScoreCam}) on each paper architecture at the demo scale, with the smallest demo input
 * (32) and half the demo's width to keep the test short: the same method, only cheaper. The networks are seeded, not trained, but
 * not trivial either: hundreds of channels at the tap, batch normalisation, residual and
 * concatenated branches, and maps that differ between the two images.
 */
class ScoreCamExactnessTest {

    /** Half the demo's width, to keep the test short: 256 channels at the tap of ResNet50V2 and InceptionV3. */
    private static final float WIDTH = 0.125f;

    /** Float tolerance on maps in [0, 1]: logits of a different memory layout differ by about 1e-6. */
    private static final float TOLERANCE = 1e-4f;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void optimisedExactScoreCamGivesThePreviousImplementationsMaps(Architecture architecture) {
        Engine.getInstance().setRandomSeed(83);
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = architecture.build(NetworkConfig.demo(32, WIDTH, 2));
            network.initialize(manager);
            NDArray images = manager.randomUniform(-1, 1, new Shape(2).addAll(network.inputShape()));
            int[] targets = {0, 1};

            CamTechnique reference = new ReferenceScoreCam(new ScoreCamConfig(32, 0), network.block());
            CamMaps previous = maps(network, reference, images, targets);
            CamMaps optimised = maps(network, new ScoreCam(), images, targets);

            for (int i = 0; i < 2; i++) {
                assertFalse(previous.isFlat(i), "image " + i + " has a flat map");
                assertEquals(0, maxDifference(previous.map(i), optimised.map(i)), TOLERANCE, "image " + i);
            }
            assertTrue(maxDifference(previous.map(0), previous.map(1)) > 0.05, "the two images' maps should differ");
        }
    }

    private static CamMaps maps(Network network, CamTechnique scoreCam, NDArray images, int[] targets) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.SCORE_CAM)
                .optImplementation(scoreCam)
                .build();
        return explainer.explain(images, targets).get(Technique.SCORE_CAM);
    }

    static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
