package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

class ResamplerTest {

    private static float[] resize(byte[] src, int srcH, int srcW, int dstH, int dstW) {
        float[] out = new float[dstH * dstW];
        new Resampler(srcH, srcW, dstH, dstW).resize(src, 0, out, 0);
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void enlargingInterpolatesBilinearlyBetweenHalfPixelCentres() {
        // Output centres 0.5, 1.5, 2.5, 3.5 map to source positions -0.25, 0.25, 0.75, 1.25:
        // clamped to 0, then a quarter and three quarters of the way from 0 to 100, then clamped.
        assertArrayEquals(new float[] {0, 25, 75, 100}, resize(bytes(0, 100), 1, 2, 1, 4), 1e-4f);
    }

    @Test
    void enlargingWorksOnBothAxes() {
        // Rows become [0, 25, 75, 100] and [100, 125, 175, 200]; output row 1 is 3/4 of the
        // first plus 1/4 of the second: 0.75 * 25 + 0.25 * 125 = 50.
        float[] out = resize(bytes(0, 100, 100, 200), 2, 2, 4, 4);

        assertEquals(50f, out[1 * 4 + 1], 1e-4f);
        assertEquals(0f, out[0], 1e-4f);
        assertEquals(200f, out[15], 1e-4f);
    }

    @Test
    void shrinkingByAnIntegerFactorAveragesBlocks() {
        assertArrayEquals(new float[] {50, 120}, resize(bytes(0, 100, 200, 40), 1, 4, 1, 2), 1e-4f);
    }

    @Test
    void shrinkingByAFractionWeightsPixelsByOverlap() {
        // 3 -> 2: footprints [0, 1.5] and [1.5, 3]: (2 * 30 + 60) / 3 = 40, (60 + 2 * 90) / 3 = 80.
        assertArrayEquals(new float[] {40, 80}, resize(bytes(30, 60, 90), 1, 3, 1, 2), 1e-4f);
    }

    @Test
    void eachAxisIsShrunkOrEnlargedOnItsOwn() {
        // 2 x 4 -> 4 x 2: columns average in pairs, rows interpolate between 10-ish and 200-ish.
        byte[] src = bytes(0, 20, 40, 60, 200, 220, 240, 250);
        float[] out = resize(src, 2, 4, 4, 2);

        assertArrayEquals(new float[] {10, 50}, Arrays.copyOfRange(out, 0, 2), 1e-4f);
        assertArrayEquals(new float[] {210, 245}, Arrays.copyOfRange(out, 6, 8), 1e-4f);
        assertEquals(0.75f * 10 + 0.25f * 210, out[2], 1e-4f);
    }

    @ParameterizedTest
    @CsvSource({"5, 7, 5, 7", "3, 3, 224, 224", "100, 37, 9, 13", "28, 28, 64, 64", "1, 1, 4, 2"})
    void aConstantImageStaysConstant(int srcH, int srcW, int dstH, int dstW) {
        byte[] src = new byte[srcH * srcW];
        Arrays.fill(src, (byte) 173);

        for (float value : resize(src, srcH, srcW, dstH, dstW)) {
            assertEquals(173f, value, 1e-3f);
        }
    }

    @Test
    void sameSizeCopies() {
        byte[] src = bytes(1, 2, 3, 250, 5, 6);
        Resampler resampler = new Resampler(2, 3, 2, 3);

        assertTrue(resampler.isIdentity());
        assertArrayEquals(new float[] {1, 2, 3, 250, 5, 6}, resize(src, 2, 3, 2, 3), 0f);
    }

    @Test
    void resizeToBytesRounds() {
        // 3 -> 2 gives (2 * 0 + 1) / 3 = 0.33 -> 0 and (1 + 2 * 2) / 3 = 1.67 -> 2.
        assertArrayEquals(bytes(0, 2), new Resampler(1, 3, 1, 2).resizeToBytes(bytes(0, 1, 2), 0));
    }

    @Test
    void readsFromAnOffsetPlane() {
        byte[] twoPlanes = bytes(9, 9, 0, 100);
        float[] out = new float[4];

        new Resampler(1, 2, 1, 4).resize(twoPlanes, 2, out, 0);

        assertArrayEquals(new float[] {0, 25, 75, 100}, out, 1e-4f);
    }

    @Test
    void rejectsAnEmptySize() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 3, 2, 2));
        assertEquals("sizes must be positive, but were 0x3 -> 2x2", e.getMessage());
    }
}
