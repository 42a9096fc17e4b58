package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

    @Test
    void floorAboveOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.builder().optFloor(1.5).build());
        assertEquals("floor must be in [0.0, 1.0], but was 1.5", e.getMessage());
    }

    @Test
    void dropFractionOfOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.builder().optDropFraction(1).build());
        assertEquals("dropFraction must be in (0, 1), but was 1.0", e.getMessage());
    }

    @Test
    void trendWindowOfTwoIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.builder().optTrendWindow(2).build());
        assertEquals("trendWindow must be at least 3, but was 2", e.getMessage());
    }

    @Test
    void maskedWorstAboveMaskedMacroIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AlertThresholds.builder().optMaskedMacro(0.4).optMaskedWorst(0.5).build());
        assertEquals("maskedWorst must be in [0.0, 0.4], but was 0.5", e.getMessage());
    }

    @Test
    void nonPositiveTrendSlopeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.builder().optTrendSlope(0).build());
        assertEquals("trendSlope must be positive and finite, but was 0.0", e.getMessage());
    }

    @Test
    void zeroPersistenceIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.builder().optGoldFor(0).build());
        assertEquals("goldFor must be at least 1, but was 0", e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AlertThresholds t = AlertThresholds.ofDefaults();

        assertEquals(AlertThresholds.Builder.DEFAULT_FLOOR, t.floor());
        assertEquals(AlertThresholds.Builder.DEFAULT_DROP_FRACTION, t.dropFraction());
        assertEquals(AlertThresholds.Builder.DEFAULT_GOLD_MINIMUM, t.goldMinimum());
        assertEquals(5, t.longestWindow());
    }
}
