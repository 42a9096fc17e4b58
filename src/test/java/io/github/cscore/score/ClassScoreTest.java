package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassScoreTest {

    @Test
    void aDefinedScoreHasAnEmptyReason() {
        ClassScore c = new ClassScore(1, 0.5, 6, 1, null);

        assertTrue(c.isDefined());
        assertEquals("", c.undefinedReason());
        assertEquals(ClassScore.defined(1, 0.5, 6, 1), c);
    }

    @Test
    void anUndefinedScoreIsNaNWithItsReason() {
        ClassScore c = ClassScore.undefined(0, 2, 0, "gold list has 2 instances, fewer than minGoldSize 5");

        assertFalse(c.isDefined());
        assertTrue(Double.isNaN(c.score()));
    }

    @Test
    void rejectsADefinedScoreAboveOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClassScore.defined(0, 1.5, 6, 0));
        assertEquals("a defined score must be in [0, 1] over at least 2 instances, but was 1.5 over 6",
                e.getMessage());
    }

    @Test
    void rejectsNaNWithoutAReason() {
        assertThrows(IllegalArgumentException.class, () -> ClassScore.defined(0, Double.NaN, 6, 0));
    }

    @Test
    void rejectsMoreFlatMapsThanInstances() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClassScore.defined(0, 0, 3, 4));
        assertEquals("flatMaps must be in [0, goldSize], but was 4 with goldSize 3", e.getMessage());
    }

    @Test
    void rejectsABlankReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClassScore.undefined(0, 0, 0, " "));
        assertEquals("reason must not be blank", e.getMessage());
    }
}
