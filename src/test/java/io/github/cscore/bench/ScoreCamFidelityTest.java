package io.github.cscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.cscore.cam.ChannelGrouping;
import io.github.cscore.cam.ScoreCamConfig;

import org.junit.jupiter.api.Test;

import java.util.Collection;

/** The fidelity bench's Pearson r, and the approximations its table covers. */
class ScoreCamFidelityTest {

    @Test
    void pearsonIsOneForAMapAndItsRescalingAndMinusOneForItsNegation() {
        float[] map = {0.1f, 0.4f, 0.9f, 0.2f};
        float[] rescaled = {0.25f, 0.7f, 1.45f, 0.4f};
        float[] negated = {-0.1f, -0.4f, -0.9f, -0.2f};

        assertEquals(1, ScoreCamFidelity.pearson(map, rescaled), 1e-9);
        assertEquals(-1, ScoreCamFidelity.pearson(map, negated), 1e-9);
    }

    @Test
    void pearsonOfUncorrelatedMapsIsZero() {
        assertEquals(0, ScoreCamFidelity.pearson(new float[] {1, 0, 1, 0}, new float[] {1, 1, 0, 0}), 1e-9);
    }

    /** An all-zero map is what Score-CAM gives a flat image: two agree, one against a real map does not. */
    @Test
    void twoFlatMapsAgreeAndAFlatMapDoesNotAgreeWithAVaryingOne() {
        float[] flat = new float[4];

        assertEquals(1, ScoreCamFidelity.pearson(flat, new float[4]));
        assertEquals(0, ScoreCamFidelity.pearson(flat, new float[] {0, 1, 0, 1}));
    }

    @Test
    void theTableCoversTopKGroupsOfBothKindsAndTwoLowerResolutionsAndNeverTheExactMethod() {
        Collection<ScoreCamConfig> configs = ScoreCamFidelity.approximations(64).values();

        assertEquals(3, configs.stream().filter(c -> c.topK() > 0).count());
        for (ChannelGrouping grouping : ChannelGrouping.values()) {
            assertEquals(3, configs.stream().filter(c -> c.groups() > 0 && c.grouping() == grouping).count());
        }
        assertEquals(2, configs.stream().filter(c -> c.maskedInputSize() > 0 && c.maskedInputSize() < 64).count());
        assertFalse(configs.stream().anyMatch(ScoreCamConfig::isExact));
    }
}
