package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Score-CAM's approximations (channel groups, lower resolution) on a small CNN with 32 channels at
 * its 6x6 tap: each is the exact method where it makes no approximation, and an approximation
 * that differs otherwise. How far they are from the exact maps on trained networks is measured,
 * not tested (docs/performance.md).
 */
@ExtendWith(EngineManagerExtension.class)
class ScoreCamApproximationTest {

    private NDManager manager;
    private Network network;
    private NDArray images;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, 24, 3, 41);
        images = manager.create(CamOracleTest.random(2 * 3 * 24 * 24, 42, -1, 1), new Shape(2, 3, 24, 24));
    }

    private CamMaps maps(CamTechnique technique) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(technique.technique())
                .optImplementation(technique)
                .build();
        return explainer.explain(images, new int[] {0, 2}).get(technique.technique());
    }

    private CamMaps scoreCam(ScoreCamConfig config) {
        return maps(new ScoreCam(config));
    }

    @ParameterizedTest
    @EnumSource(ChannelGrouping.class)
    void asManyGroupsAsChannelsIsTheExactMethod(ChannelGrouping grouping) {
        CamMaps exact = scoreCam(ScoreCamConfig.ofDefaults());

        CamMaps grouped = scoreCam(ScoreCamConfig.channelGroups(32, grouping));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact.map(i), grouped.map(i), "image " + i);
        }
    }

    /** One group: every channel has the same score, so the weights are uniform and the map is that of sum_k A_k. */
    @ParameterizedTest
    @EnumSource(ChannelGrouping.class)
    void oneGroupWeighsEveryChannelEqually(ChannelGrouping grouping) {
        CamMaps uniform = maps(new UniformWeights());

        CamMaps grouped = scoreCam(ScoreCamConfig.channelGroups(1, grouping));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(uniform.map(i), grouped.map(i), 1e-5f, "image " + i);
        }
    }

    @Test
    void fewerGroupsThanChannelsIsAnApproximationThatDiffers() {
        CamMaps exact = scoreCam(ScoreCamConfig.ofDefaults());

        CamMaps grouped = scoreCam(ScoreCamConfig.channelGroups(4, ChannelGrouping.CLUSTERED));

        assertTrue(ScoreCamExactnessTest.maxDifference(exact.map(0), grouped.map(0)) > 1e-3);
    }

    @Test
    void contiguousGroupsAreRunsOfNearlyEqualLength() {
        float[][] maps = new float[10][1];

        int[] labels = ChannelGroups.assign(maps, 3, ChannelGrouping.CONTIGUOUS);

        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2}, labels);
    }

    @Test
    void clusteredGroupsGatherAlikeMapsNumberedInOrderOfFirstAppearance() {
        float[][] maps = {{1, 0, 0}, {0, 0, 1}, {0.9f, 0.1f, 0}, {0, 0.1f, 0.9f}, {1, 0, 0.1f}};

        int[] labels = ChannelGroups.assign(maps, 2, ChannelGrouping.CLUSTERED);

        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, labels);
    }

    @Test
    void aMaskedInputSizeAtOrAboveTheInputsIsTheExactMethod() {
        CamMaps exact = scoreCam(ScoreCamConfig.ofDefaults());

        CamMaps same = scoreCam(ScoreCamConfig.lowerResolution(24));

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact.map(i), same.map(i), "image " + i);
        }
    }

    @Test
    void aLowerResolutionGivesFullSizeMapsThatDiffer() {
        CamMaps exact = scoreCam(ScoreCamConfig.ofDefaults());

        CamMaps lower = scoreCam(ScoreCamConfig.lowerResolution(16));

        assertEquals(24, lower.height());
        assertEquals(24, lower.width());
        assertFalse(lower.isFlat(0));
        assertTrue(ScoreCamExactnessTest.maxDifference(exact.map(0), lower.map(0)) > 1e-3);
    }

    @Test
    void theMaskedSizeScalesTheLongerSideAndKeepsTheAspect() {
        assertEquals(new Shape(32, 24), MaskedForwards.maskedSize(new Shape(1, 3, 64, 48), 32));
        assertEquals(new Shape(64, 48), MaskedForwards.maskedSize(new Shape(1, 3, 64, 48), 0));
        assertEquals(new Shape(64, 48), MaskedForwards.maskedSize(new Shape(1, 3, 64, 48), 100));
    }

    @Test
    void namedOptionsSetOneApproximationEachAndTheDefaultIsExact() {
        assertTrue(ScoreCamConfig.ofDefaults().isExact());
        assertEquals(new ScoreCamConfig(0, 64, ChannelSelection.ACTIVATION_VARIANCE),
                ScoreCamConfig.topK(64, ChannelSelection.ACTIVATION_VARIANCE));
        assertEquals(new ScoreCamConfig(0, 0, ScoreCamConfig.DEFAULT_SELECTION, 16, ChannelGrouping.CONTIGUOUS, 0),
                ScoreCamConfig.channelGroups(16, ChannelGrouping.CONTIGUOUS));
        assertEquals(new ScoreCamConfig(0, 0, ScoreCamConfig.DEFAULT_SELECTION, 0, ScoreCamConfig.DEFAULT_GROUPING, 32),
                ScoreCamConfig.lowerResolution(32));
        assertFalse(ScoreCamConfig.lowerResolution(32).isExact());
        assertEquals(8, ScoreCamConfig.lowerResolution(32).withBatchSize(8).batchSize());
    }

    @Test
    void rejectsNegativeGroupsAndSizesAndNamedOptionsBelowOne() {
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> new ScoreCamConfig(0, 0, ChannelSelection.ACTIVATION_VARIANCE, -1, ChannelGrouping.CLUSTERED, 0));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new ScoreCamConfig(0, 0, ChannelSelection.ACTIVATION_VARIANCE, 0, ChannelGrouping.CLUSTERED, -2));
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
                () -> ScoreCamConfig.channelGroups(0, ChannelGrouping.CLUSTERED));

        assertEquals("groups must be 0 (every channel on its own) or positive, but was -1", groups.getMessage());
        assertEquals("maskedInputSize must be 0 (the model's input size) or positive, but was -2", size.getMessage());
        assertEquals("groups must be at least 1, but was 0", named.getMessage());
    }

    /** Equal weights for every channel: the map of sum_k A_k, what one group of all channels gives. */
    private static final class UniformWeights extends ChannelWeightedCam {
        @Override
        public Technique technique() {
            return Technique.SCORE_CAM;
        }

        @Override
        public boolean needsGradients() {
            return false;
        }

        @Override
        protected NDArray channelWeights(TapArrays tap, CamContext context) {
            Shape shape = tap.activations().getShape();
            return context.manager().ones(new Shape(shape.get(0), shape.get(1))).div(shape.get(1));
        }
    }
}
