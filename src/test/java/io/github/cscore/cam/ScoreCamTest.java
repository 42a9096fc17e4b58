package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

@ExtendWith(EngineManagerExtension.class)
class ScoreCamTest {

    private NDManager manager;
    private Network network;
    private NDArray images;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, 24, 3, 41);
        images = manager.create(CamOracleTest.random(2 * 3 * 24 * 24, 42, -1, 1), new Shape(2, 3, 24, 24));
    }

    private CamMaps scoreCam(ScoreCamConfig config) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.SCORE_CAM)
                .optImplementation(new ScoreCam(config))
                .build();
        return explainer.explain(images, new int[] {0, 2}).get(Technique.SCORE_CAM);
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {7, 32})
    void batchSizeDoesNotChangeTheMaps(int batchSize) {
        CamMaps oneByOne = scoreCam(new ScoreCamConfig(1, 0));

        CamMaps batched = scoreCam(new ScoreCamConfig(batchSize, 0));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(oneByOne.map(i), batched.map(i), 1e-5f, "image " + i);
        }
    }

    @Test
    void topKEqualToTheChannelCountIsTheExactMethod() {
        CamMaps exact = scoreCam(new ScoreCamConfig(8, 0));

        CamMaps allChannels = scoreCam(new ScoreCamConfig(8, 32));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact.map(i), allChannels.map(i), "image " + i);
        }
    }

    @Test
    void gradientSelectionWithTopKEqualToTheChannelCountIsTheExactMethod() {
        CamMaps exact = scoreCam(new ScoreCamConfig(8, 0));

        CamMaps allChannels = scoreCam(new ScoreCamConfig(8, 32, ChannelSelection.GRADIENT_CONTRIBUTION));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact.map(i), allChannels.map(i), "image " + i);
        }
    }

    /**
     * On "features -> average pooling -> linear" the gradient at the features is w[target][k] / HW,
     * so the contribution of channel k is mean(x_k) * w[target][k] / HW. Channel 0 varies most but
     * lowers the logit; channel 1 raises it most. With K = 1 the map is that one channel, min-maxed.
     */
    @Test
    void topOneChannelIsTheMostVaryingOrTheMostContributingOneByRule() {
        float[] channel0 = {0, 10, 0, 10, 10, 0, 10, 0, 0, 10, 0, 10, 10, 0, 10, 0};
        float[] channel1 = {1, 2, 1, 2, 1, 1, 2, 2, 1, 2, 1, 1, 2, 1, 2, 2};
        float[] channel2 = new float[16];
        Arrays.fill(channel2, 2);
        float[] input = new float[48];
        System.arraycopy(channel0, 0, input, 0, 16);
        System.arraycopy(channel1, 0, input, 16, 16);
        System.arraycopy(channel2, 0, input, 32, 16);
        float[] weights = {-1, 2, 0.5f, 0, 0, 0};
        Network gapLinear = TestNetworks.gapLinear(manager, 3, 4, 4, weights, new float[2]);
        NDArray image = manager.create(input, new Shape(1, 3, 4, 4));

        float[] byGradient = topOne(gapLinear, image, ChannelSelection.GRADIENT_CONTRIBUTION);
        float[] byVariance = topOne(gapLinear, image, ChannelSelection.ACTIVATION_VARIANCE);

        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1}, byGradient, 1e-6f);
        assertArrayEquals(new float[] {0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0}, byVariance, 1e-6f);
    }

    private static float[] topOne(Network network, NDArray image, ChannelSelection selection) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.SCORE_CAM)
                .optImplementation(new ScoreCam(new ScoreCamConfig(4, 1, selection)))
                .build();
        return explainer.explain(image, new int[] {0}).get(Technique.SCORE_CAM).map(0);
    }

    @Test
    void topKBelowTheChannelCountIsAnApproximationThatDiffers() {
        CamMaps exact = scoreCam(new ScoreCamConfig(8, 0));

        CamMaps approximate = scoreCam(new ScoreCamConfig(8, 4));

        double difference = 0;
        for (int i = 0; i < 2; i++) {
            float[] a = exact.map(i);
            float[] b = approximate.map(i);
            for (int p = 0; p < a.length; p++) {
                difference += Math.abs(a[p] - b[p]);
            }
        }
        assertTrue(difference > 0, "4 of 32 channels should not reproduce the exact map");
    }

    @Test
    void aConstantChannelGivesAnAllZeroMaskNotNaN() {
        NDArray selected = manager.create(new float[] {2, 2, 2, 2, 0, 1, 2, 3}, new Shape(2, 2, 2));
        NDArray identity = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));

        float[] masks = MaskedForwards.masks(selected, identity, identity).toFloatArray();

        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1 / 3f, 2 / 3f, 1}, masks, 1e-6f);
    }

    @Test
    void stopsBetweenBatchesWhenTheDeadlineHasPassed() {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.SCORE_CAM)
                .optImplementation(new ScoreCam(new ScoreCamConfig(4, 0)))
                .build();
        int[] calls = {0};
        Runnable deadline = () -> {
            if (++calls[0] == 3) {
                throw new DeadlineExceededException("scorecam over budget");
            }
        };

        try (CamPass pass = explainer.run(images, new int[] {0, 1})) {
            assertThrows(DeadlineExceededException.class,
                    () -> pass.maps(Technique.SCORE_CAM, new int[] {0, 1}, deadline));
        }

        assertEquals(3, calls[0], "checked after each of the first three batches of 4 channels");
    }

    @Test
    void rejectsANegativeBatchSizeAndANegativeTopK() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> new ScoreCamConfig(-1, 0));
        IllegalArgumentException topK = assertThrows(IllegalArgumentException.class, () -> new ScoreCamConfig(4, -1));

        assertEquals("batchSize must be 0 (chosen per network) or positive, but was -1", batch.getMessage());
        assertEquals("topK must be 0 (all channels) or positive, but was -1", topK.getMessage());
    }

    /**
     * 16 MiB for the largest activation of a batch: 1 Mi values (4 MiB) per image allow 4 images,
     * 64 Ki values (256 KiB) allow 64, capped at 32; more than 16 MiB per image still gives 1.
     */
    @Test
    void automaticBatchSizeKeepsABatchsLargestActivationWithin16MiB() {
        assertEquals(4, ScoreCam.automaticBatchSize(1L << 20));
        assertEquals(32, ScoreCam.automaticBatchSize(1L << 16));
        assertEquals(1, ScoreCam.automaticBatchSize(1L << 23));
        assertEquals(16, ScoreCam.automaticBatchSize(-1), "unknown activations");
    }

    @Test
    void theDefaultBatchSizeIsChosenPerNetworkAndGivesTheMapsOfAnExplicitOne() {
        CamMaps explicit = scoreCam(new ScoreCamConfig(5, 0));

        CamMaps automatic = scoreCam(ScoreCamConfig.ofDefaults());

        assertEquals(ScoreCamConfig.AUTOMATIC_BATCH_SIZE, ScoreCamConfig.ofDefaults().batchSize());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(explicit.map(i), automatic.map(i), 1e-5f, "image " + i);
        }
    }
}
