package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AreaDownsamplerTest {

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource(delimiter = ';', value = {
        // 3.5 pixels per cell: (1 + 2 + 3 + 4/2) / 3.5 and (4/2 + 5 + 6 + 7) / 3.5
        "7; 1; 2; 1; 1 2 3 4 5 6 7;          2.2857143 5.7142857",
        // 1.5 x 1.5 pixels per cell: corner 1, edges 1/2, centre 1/4, over area 2.25;
        // (1 + 2/2 + 4/2 + 5/4) / 2.25 = 2.3333, (2/2 + 3 + 5/4 + 6/2) / 2.25 = 3.6667, ...
        "3; 3; 2; 2; 1 2 3 4 5 6 7 8 9;      2.3333333 3.6666667 6.3333333 7.6666667",
        // integer ratio: plain 2 x 2 block means
        "4; 2; 2; 1; 1 3 5 7 2 4 6 8;        2.5 6.5",
        // only the width shrinks: 3 -> 2 columns, rows kept
        "3; 2; 2; 2; 0 1 0 1 0 1;            0.33333333 0.33333333 0.66666667 0.66666667",
        // everything into one cell: the mean
        "2; 2; 1; 1; 0 1 0.5 0.5;            0.5",
    })
    void matchesHandComputedAreaMeans(
            int width, int height, int targetWidth, int targetHeight, String input, String expected) {
        AreaDownsampler downsampler = new AreaDownsampler(width, height, targetWidth, targetHeight);

        float[] out = downsampler.apply(TestMaps.parse(input));

        assertArrayEquals(TestMaps.parse(expected), out, 1e-6f);
    }

    @Test
    void preservesTheMeanFrom224To64() {
        float[] map = TestMaps.random(21, 1, 224 * 224)[0];

        float[] out = AreaDownsampler.toResolution(224, 224, 64).apply(map);

        assertEquals(64 * 64, out.length);
        assertEquals(mean(map), mean(out), 1e-6);
    }

    @Test
    void keepsAConstantMapConstant() {
        float[] map = new float[224 * 224];
        java.util.Arrays.fill(map, 0.75f);

        float[] out = AreaDownsampler.toResolution(224, 224, 64).apply(map);

        for (float v : out) {
            assertEquals(0.75f, v, 1e-6f);
        }
    }

    @Nested
    class ToResolution {

        @Test
        void reducesEachLongerAxisToTheResolution() {
            AreaDownsampler downsampler = AreaDownsampler.toResolution(100, 50, 64);

            assertEquals(64, downsampler.targetWidth());
            assertEquals(50, downsampler.targetHeight());
        }

        @Test
        void keepsAMapNotLargerThanTheResolution() {
            AreaDownsampler downsampler = AreaDownsampler.toResolution(7, 7, 64);
            float[] map = TestMaps.random(22, 1, 49)[0];

            assertTrue(downsampler.isIdentity());
            assertArrayEquals(map, downsampler.apply(map));
        }

        @Test
        void rejectsResolutionZero() {
            var e = assertThrows(IllegalArgumentException.class, () -> AreaDownsampler.toResolution(8, 8, 0));
            assertEquals("resolution must be at least 1, but was 0", e.getMessage());
        }
    }

    @Test
    void rejectsUpsampling() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AreaDownsampler(4, 4, 8, 4));
        assertEquals("targetWidth must be in [1, width = 4], but was 8", e.getMessage());
    }

    @Test
    void rejectsAMapOfTheWrongLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AreaDownsampler(4, 4, 2, 2).apply(new float[15]));
        assertEquals("map must have width * height = 16 values, but had 15", e.getMessage());
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
