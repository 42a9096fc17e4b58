package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalScoreTest {

    @Test
    void aggregatesDefinedClassesOnly() {
        List<ClassScore> classes = List.of(
                ClassScore.defined(0, 0.2, 10, 0),
                ClassScore.defined(1, 0.8, 90, 1),
                ClassScore.undefined(2, 3, 0, "gold list has 3 instances, fewer than minGoldSize 5"));

        GlobalScore global = GlobalScore.of(classes);

        assertEquals(0.5, global.macro(), 1e-12);                        // (0.2 + 0.8) / 2
        assertEquals(0.74, global.weighted(), 1e-12);                    // (10 * 0.2 + 90 * 0.8) / 100
        assertEquals(0.2, global.worst(), 1e-12);
        assertEquals(0, global.worstClass());
        assertEquals(2, global.definedClasses());
    }

    @Test
    void theLowestClassIndexWinsATieForWorst() {
        GlobalScore global = GlobalScore.of(List.of(
                ClassScore.defined(3, 0.4, 8, 0),
                ClassScore.defined(1, 0.4, 6, 0),
                ClassScore.defined(2, 0.9, 6, 0)));

        assertEquals(1, global.worstClass());
    }

    @Test
    void isNaNWhenNoClassIsDefined() {
        GlobalScore global = GlobalScore.of(List.of(
                ClassScore.undefined(0, 0, 0, "gold list has 0 instances, fewer than minGoldSize 5")));

        assertTrue(Double.isNaN(global.macro()));
        assertTrue(Double.isNaN(global.weighted()));
        assertTrue(Double.isNaN(global.worst()));
        assertEquals(-1, global.worstClass());
        assertEquals(0, global.definedClasses());
        assertEquals(GlobalScore.of(List.of()), global);
    }
}
