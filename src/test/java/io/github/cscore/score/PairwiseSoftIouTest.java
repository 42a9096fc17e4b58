package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PairwiseSoftIouTest {

    /** The definition, pair by pair in double precision. */
    private static double[] reference(float[][] maps, float[] weights, SoftIou form) {
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < maps.length; i++) {
            for (int j = i + 1; j < maps.length; j++) {
                double w = (double) weights[i] * weights[j];
                weighted += w * form.of(maps[i], maps[j]);
                total += w;
            }
        }
        return new double[] {weighted, total};
    }

    @ParameterizedTest(name = "{0} maps of {1} pixels, {2}")
    @CsvSource({
        "2,    4,   MIN_MAX",
        "2,    4,   PRODUCT",
        "17,   99,  MIN_MAX",  // pixels not a multiple of 4: remainder loop
        "17,   99,  PRODUCT",
        "40,   700, MIN_MAX",  // several float chunks per pair
        "300,  21,  MIN_MAX",  // two lane blocks, the second one partial
        "300,  21,  PRODUCT",
        "300,  100, MIN_MAX",  // large enough to run in parallel
    })
    void matchesPairByPairDefinition(int n, int pixels, SoftIou form) {
        float[][] maps = TestMaps.random(n * 31L + pixels, n, pixels);
        float[] weights = TestMaps.weights(n, n);

        PairSums sums = PairwiseSoftIou.compute(maps, weights, form);

        double[] expected = reference(maps, weights, form);
        assertEquals(expected[1], sums.totalWeight(), 1e-9 * expected[1]);
        assertEquals(expected[0], sums.weightedSimilarity(), 2e-6 * expected[0]);
        assertEquals((long) n * (n - 1) / 2, sums.pairs());
        assertEquals(0, sums.flatPairs());
    }

    @ParameterizedTest
    @EnumSource(SoftIou.class)
    void identicalBinaryMapsGiveExactlyOne(SoftIou form) {
        float[] map = TestMaps.parse("1 0 1 1 0 0 1 0 1");
        float[][] maps = {map, map.clone(), map.clone(), map.clone()};

        PairSums sums = PairwiseSoftIou.compute(maps, TestMaps.weights(3, 4), form);

        assertEquals(1.0, sums.weightedMean());
    }

    @Test
    void identicalSoftMapsGiveExactlyOneWithMinMax() {
        float[] map = TestMaps.random(4, 1, 224 * 224)[0];
        float[][] maps = {map, map.clone(), map.clone()};

        assertEquals(1.0, PairwiseSoftIou.compute(maps, new float[] {1, 1, 1}, SoftIou.MIN_MAX).weightedMean());
    }

    @ParameterizedTest
    @EnumSource(SoftIou.class)
    void disjointSupportGivesZeroAtFullResolution(SoftIou form) {
        int pixels = 224 * 224;
        float[][] dense = TestMaps.random(5, 4, pixels);
        float[][] maps = new float[4][pixels];
        for (int i = 0; i < 4; i++) {
            for (int k = i; k < pixels; k += 4) {
                maps[i][k] = 0.5f + 0.5f * dense[i][k]; // map i lives on pixels k = i (mod 4)
            }
        }

        PairSums sums = PairwiseSoftIou.compute(maps, new float[] {1, 1, 1, 1}, form);

        assertEquals(0.0, sums.weightedMean(), 1e-7);
    }

    @Test
    void pairsOfFlatMapsScoreZeroAndAreCounted() {
        float[] on = TestMaps.parse("1 0.5 0.25 0");
        float[] flat = new float[4];
        float[][] maps = {flat, on, flat.clone(), on.clone(), flat.clone()};

        PairSums sums = PairwiseSoftIou.compute(maps, new float[] {1, 1, 1, 1, 1}, SoftIou.MIN_MAX);

        // 10 pairs: 3 flat-flat (0), 6 flat-on (0), 1 on-on (1).
        assertEquals(3, sums.flatPairs());
        assertEquals(10, sums.pairs());
        assertEquals(0.1, sums.weightedMean(), 1e-12);
    }

    @Test
    void doesNotDependOnTheOrderOfMaps() {
        float[][] maps = TestMaps.random(11, 60, 50);
        float[] weights = TestMaps.weights(12, 60);
        float[][] reversed = new float[60][];
        float[] reversedWeights = new float[60];
        for (int i = 0; i < 60; i++) {
            reversed[i] = maps[59 - i];
            reversedWeights[i] = weights[59 - i];
        }

        PairSums forward = PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX);
        PairSums backward = PairwiseSoftIou.compute(reversed, reversedWeights, SoftIou.MIN_MAX);

        assertEquals(forward.weightedMean(), backward.weightedMean(), 1e-12);
    }

    @Test
    void parallelRunEqualsSingleThreadedRunBitForBit() {
        float[][] maps = TestMaps.random(13, 400, 64);
        float[] weights = TestMaps.weights(14, 400);
        assertTrue((long) 400 * 399 / 2 * 64 >= PairwiseSoftIou.PARALLEL_WORK);

        PairSums parallel = PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX, true);
        PairSums single = PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX, false);

        assertEquals(single, parallel);
    }

    @Test
    void fewerThanTwoMapsGiveNoPairs() {
        assertEquals(PairSums.NONE, PairwiseSoftIou.compute(new float[0][], new float[0], SoftIou.MIN_MAX));
        assertEquals(PairSums.NONE,
                PairwiseSoftIou.compute(new float[][] {{1}}, new float[] {1}, SoftIou.MIN_MAX));
        assertTrue(Double.isNaN(PairSums.NONE.weightedMean()));
    }

    @Nested
    class RejectsBadInput {

        @Test
        void mapsOfDifferentLength() {
            var e = assertThrows(IllegalArgumentException.class, () -> PairwiseSoftIou.compute(
                    new float[][] {{0, 1}, {0, 1, 0}}, new float[] {1, 1}, SoftIou.MIN_MAX));
            assertEquals("maps must be non-empty and of equal length, but maps[0] has 2 values and"
                    + " maps[1] has 3", e.getMessage());
        }

        @Test
        void nanInAMap() {
            var e = assertThrows(IllegalArgumentException.class, () -> PairwiseSoftIou.compute(
                    new float[][] {{0, 1}, {Float.NaN, 0}}, new float[] {1, 1}, SoftIou.MIN_MAX));
            assertEquals("maps[1][0] must be in [0, 1], but was NaN", e.getMessage());
        }

        @Test
        void valueAboveOne() {
            var e = assertThrows(IllegalArgumentException.class, () -> PairwiseSoftIou.compute(
                    new float[][] {{0, 1.5f}, {0, 0}}, new float[] {1, 1}, SoftIou.PRODUCT));
            assertEquals("maps[0][1] must be in [0, 1], but was 1.5", e.getMessage());
        }

        @Test
        void weightsNotMatchingTheMaps() {
            var e = assertThrows(IllegalArgumentException.class, () -> PairwiseSoftIou.compute(
                    new float[][] {{0}, {1}}, new float[] {1, 1, 1}, SoftIou.MIN_MAX));
            assertEquals("maps and weights must have the same length, but were 2 and 3", e.getMessage());
        }

        @Test
        void negativeWeight() {
            var e = assertThrows(IllegalArgumentException.class, () -> PairwiseSoftIou.compute(
                    new float[][] {{0}, {1}}, new float[] {1, -0.5f}, SoftIou.MIN_MAX));
            assertEquals("weights[1] must be finite and non-negative, but was -0.5", e.getMessage());
        }
    }

    @Test
    void leavesItsInputUntouched() {
        float[][] maps = TestMaps.random(15, 20, 30);
        float[][] copy = Arrays.stream(maps).map(float[]::clone).toArray(float[][]::new);

        PairwiseSoftIou.compute(maps, TestMaps.weights(16, 20), SoftIou.MIN_MAX);

        assertTrue(Arrays.deepEquals(copy, maps));
    }
}
