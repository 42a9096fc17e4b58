package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CScoreConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        CScoreConfig config = CScoreConfig.ofDefaults();

        assertEquals(0.9f, config.goldThreshold());
        assertEquals(5, config.minGoldSize());
        assertEquals(64, config.resolution());
        assertEquals(2.0, config.gamma());
        assertEquals(SoftIou.MIN_MAX, config.similarity());
        assertEquals(config, CScoreConfig.builder().build());
    }

    @Test
    void classJavadocExampleBuilds() {
        CScoreConfig config = CScoreConfig.builder()
                .optGoldThreshold(0.8f)   // default 0.9
                .optResolution(32)        // default 64
                .build();

        assertEquals(0.8f, config.goldThreshold());
        assertEquals(32, config.resolution());
        assertEquals(CScoreConfig.DEFAULT_MIN_GOLD_SIZE, config.minGoldSize());
    }

    @Test
    void keepsEveryValueSet() {
        CScoreConfig config = CScoreConfig.builder()
                .optGoldThreshold(1f)
                .optMinGoldSize(2)
                .optResolution(1)
                .optGamma(0.5)
                .optSimilarity(SoftIou.PRODUCT)
                .build();

        assertEquals(1f, config.goldThreshold());
        assertEquals(2, config.minGoldSize());
        assertEquals(1, config.resolution());
        assertEquals(0.5, config.gamma());
        assertEquals(SoftIou.PRODUCT, config.similarity());
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        CScoreConfig base = CScoreConfig.builder().optGamma(3).build();

        CScoreConfig changed = base.toBuilder().optResolution(32).build();

        assertEquals(3.0, changed.gamma());
        assertEquals(32, changed.resolution());
        assertNotEquals(base, changed);
        assertEquals(base, base.toBuilder().build());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0.1f, 1.01f, Float.NaN})
    void rejectsGoldThresholdOutsideZeroToOne(float threshold) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CScoreConfig.builder().optGoldThreshold(threshold));
        assertEquals("goldThreshold must be in (0, 1], but was " + threshold, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1", "0", "-3"})
    void rejectsMinGoldSizeBelowTwo(int size) {
        var e = assertThrows(IllegalArgumentException.class, () -> CScoreConfig.builder().optMinGoldSize(size));
        assertEquals("minGoldSize must be at least 2, but was " + size, e.getMessage());
    }

    @Test
    void rejectsResolutionZero() {
        var e = assertThrows(IllegalArgumentException.class, () -> CScoreConfig.builder().optResolution(0));
        assertEquals("resolution must be at least 1, but was 0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsGammaThatIsNotPositiveAndFinite(double gamma) {
        var e = assertThrows(IllegalArgumentException.class, () -> CScoreConfig.builder().optGamma(gamma));
        assertEquals("gamma must be positive and finite, but was " + gamma, e.getMessage());
    }

    @Test
    void rejectsNullSimilarity() {
        assertThrows(NullPointerException.class, () -> CScoreConfig.builder().optSimilarity(null));
    }
}
