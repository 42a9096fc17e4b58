package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each rule's settings record checks its own values, with messages that name the value. */
class RuleSettingsTest {

    @Test
    void floorAboveOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BelowFloor.Settings(1.5, 2));
        assertEquals("floor must be in [0.0, 1.0], but was 1.5", e.getMessage());
    }

    @Test
    void dropFractionOfOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RelativeDrop.Settings(1, 5));
        assertEquals("dropFraction must be in (0, 1), but was 1.0", e.getMessage());
    }

    @Test
    void trendWindowOfTwoIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DownTrend.Settings(0.08, 2));
        assertEquals("trendWindow must be at least 3, but was 2", e.getMessage());
    }

    @Test
    void maskedWorstAboveMaskedMacroIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ClassMasked.Settings(0.4, 0.5, 2));
        assertEquals("maskedWorst must be in [0.0, 0.4], but was 0.5", e.getMessage());
    }

    @Test
    void nonPositiveTrendSlopeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DownTrend.Settings(0, 4));
        assertEquals("trendSlope must be positive and finite, but was 0.0", e.getMessage());
    }

    @Test
    void zeroPersistenceIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GoldListCollapse.Settings(5, 0.9, 0));
        assertEquals("goldFor must be at least 1, but was 0", e.getMessage());
    }

    @Test
    void aStalePeriodOfOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CheckpointStale.Settings(1));
        assertEquals("staleCheckpoints must be at least 2, but was 1", e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(BelowFloor.Settings.DEFAULT_FLOOR, BelowFloor.Settings.ofDefaults().floor());
        assertEquals(RelativeDrop.Settings.DEFAULT_DROP_FRACTION, RelativeDrop.Settings.ofDefaults().dropFraction());
        assertEquals(GoldListCollapse.Settings.DEFAULT_GOLD_MINIMUM, GoldListCollapse.Settings.ofDefaults().goldMinimum());
        assertEquals(GoldListCollapse.Settings.DEFAULT_GOLD_MINIMUM, AttributionCollapse.Settings.ofDefaults().goldMinimum());
        assertEquals(5, BuiltInRules.ofDefaults().stream().mapToInt(AlertRule::window).max().orElseThrow());
    }
}
