package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftIouTest {

    @ParameterizedTest(name = "[{0}] vs [{1}]: min/max {2}, product {3}")
    @CsvSource({
        // min/max: sum min / sum max; product: sum ab / sum (a + b - ab)
        "1 0.5 0 0,  1 0 0.5 0,  0.5,       0.5",        // min 1, max 2 | ab 1, union 1.5 + 1.5 - 1
        "0.5 0.5,    0.5 0.5,    1.0,       0.33333333", // equal soft maps | ab 0.5, union 1 + 1 - 0.5
        "1 1,        1 1,        1.0,       1.0",        // equal binary maps
        "1 0,        0 1,        0.0,       0.0",        // disjoint support
        "0 0,        0 0,        0.0,       0.0",        // two flat maps score 0 by convention
        "0 0,        1 0.5,      0.0,       0.0",        // one flat map
        "0.2 0.6,    0.4 0.3,    0.5,       0.20967742", // min 0.2 + 0.3, max 0.4 + 0.6 | 0.26 / 1.24
    })
    void matchesHandComputedValues(String a, String b, double minMax, double product) {
        assertEquals(minMax, SoftIou.MIN_MAX.of(TestMaps.parse(a), TestMaps.parse(b)), 1e-7);
        assertEquals(product, SoftIou.PRODUCT.of(TestMaps.parse(a), TestMaps.parse(b)), 1e-7);
    }

    @Test
    void isSymmetricAndAtMostOne() {
        float[][] maps = TestMaps.random(7, 2, 50);
        for (SoftIou form : SoftIou.values()) {
            double ab = form.of(maps[0], maps[1]);
            assertEquals(ab, form.of(maps[1], maps[0]), 1e-12);
            assertTrue(ab > 0 && ab < 1, form + " gave " + ab);
        }
    }

    @Test
    void productFormIsNeverAboveMinMaxForm() {
        float[][] maps = TestMaps.random(8, 20, 30);
        for (int i = 1; i < maps.length; i++) {
            assertTrue(SoftIou.PRODUCT.of(maps[0], maps[i]) <= SoftIou.MIN_MAX.of(maps[0], maps[i]));
        }
    }

    @Test
    void rejectsMapsOfDifferentLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftIou.MIN_MAX.of(new float[3], new float[4]));
        assertEquals("maps must have the same length, but were 3 and 4", e.getMessage());
    }

    @Test
    void rejectsNaN() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftIou.PRODUCT.of(new float[] {0, 1}, new float[] {Float.NaN, 0}));
        assertEquals("b[0] must be in [0, 1], but was NaN", e.getMessage());
    }
}
