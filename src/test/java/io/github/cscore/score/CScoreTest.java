package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CScoreTest {

    /** The worked example of docs/cscore.md: three 2 x 2 maps. */
    private static final List<float[]> THREE_MAPS = List.of(
            TestMaps.parse("1 0.5 0 0"),
            TestMaps.parse("1 0 0.5 0"),
            TestMaps.parse("0.5 0.5 0 0"));

    private static CScore score(double gamma, SoftIou similarity) {
        return new CScore(CScoreConfig.builder()
                .optMinGoldSize(2).optGamma(gamma).optSimilarity(similarity).build());
    }

    @Nested
    class ThreeMapsByHand {

        @ParameterizedTest(name = "gamma {0}, {1}: {2}")
        @CsvSource({
            // gamma 2, E = (1 .25 0 0), (1 0 .25 0), (.25 .25 0 0):
            // s12 = 1 / 1.5 = 2/3, s13 = .5 / 1.25 = .4, s23 = .25 / 1.5 = 1/6;
            // w = .9, 1, .9 -> (.9 * 2/3 + .4 + .9/6) / 2.8 = 1.15 / 2.8
            "2, MIN_MAX, 0.41071429",
            // gamma 1: s12 = 1 / 2 = .5, s13 = 1 / 1.5 = 2/3, s23 = .5 / 2 = .25
            // -> (.45 + .66667 + .225) / 2.8
            "1, MIN_MAX, 0.47916667",
            // gamma 2, product: s12 = 1 / (1.25 + 1.25 - 1) = 2/3,
            // s13 = .3125 / (1.25 + .5 - .3125) = .2173913, s23 = .25 / (1.25 + .5 - .25) = 1/6
            // -> (.6 + .2173913 + .15) / 2.8
            "2, PRODUCT, 0.34549689",
        })
        void matchesTheHandComputedScore(double gamma, SoftIou similarity, double expected) {
            ClassScore result = score(gamma, similarity)
                    .scoreClass(1, THREE_MAPS, 2, 2, new float[] {1.0f, 0.9f, 1.0f});

            assertEquals(expected, result.score(), 1e-6);
            assertEquals(1, result.classIndex());
            assertEquals(3, result.goldSize());
            assertEquals(0, result.flatMaps());
            assertTrue(result.isDefined());
        }

        @Test
        void equalConfidencesGiveTheUnweightedMean() {
            ClassScore result = score(2, SoftIou.MIN_MAX)
                    .scoreClass(0, THREE_MAPS, 2, 2, new float[] {0.95f, 0.95f, 0.95f});

            assertEquals((2.0 / 3 + 0.4 + 1.0 / 6) / 3, result.score(), 1e-6);
        }

        @Test
        void gammaOneGivesPlainSoftIou() {
            CScore plain = score(1, SoftIou.MIN_MAX);

            ClassScore pair = plain.scoreClass(0, THREE_MAPS.subList(0, 2), 2, 2, new float[] {1, 1});

            assertEquals(SoftIou.MIN_MAX.of(THREE_MAPS.get(0), THREE_MAPS.get(1)), pair.score(), 1e-7);
            assertEquals(0.5, pair.score(), 1e-7);
        }
    }

    @ParameterizedTest
    @EnumSource(SoftIou.class)
    void identicalMapsGiveOne(SoftIou similarity) {
        float[] map = TestMaps.parse("0 1 1 0 1 0 0 1 1");
        List<float[]> maps = Collections.nCopies(5, map);

        ClassScore result = new CScore(CScoreConfig.builder().optSimilarity(similarity).build())
                .scoreClass(0, maps, 3, 3, new float[] {0.91f, 0.95f, 0.99f, 1f, 0.93f});

        assertEquals(1.0, result.score(), 1e-12);
    }

    @Test
    void mapsWithDisjointSupportGiveZero() {
        List<float[]> maps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] map = new float[25];
            for (int k = i; k < 25; k += 5) {
                map[k] = 0.8f;
            }
            maps.add(map);
        }

        ClassScore result = CScore.ofDefaults().scoreClass(0, maps, 5, 5, new float[] {1, 1, 1, 1, 1});

        assertEquals(0.0, result.score(), 1e-7);
        assertEquals(0, result.flatMaps());
    }

    @Test
    void doesNotDependOnTheOrderOfInstances() {
        List<float[]> maps = new ArrayList<>(List.of(TestMaps.random(31, 12, 16 * 16)));
        float[] confidences = TestMaps.weights(32, 12);
        ClassScore before = CScore.ofDefaults().scoreClass(0, maps, 16, 16, confidences);

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(33));
        List<float[]> shuffled = new ArrayList<>();
        float[] shuffledConfidences = new float[12];
        for (int i = 0; i < 12; i++) {
            shuffled.add(maps.get(order.get(i)));
            shuffledConfidences[i] = confidences[order.get(i)];
        }
        ClassScore after = CScore.ofDefaults().scoreClass(0, shuffled, 16, 16, shuffledConfidences);

        assertEquals(before.score(), after.score(), 1e-12);
        assertTrue(before.score() > 0.2 && before.score() < 0.8, "score " + before.score());
    }

    @Test
    void flatMapsAreCountedAndScoreZero() {
        float[] map = TestMaps.parse("1 0.5 0.5 0");
        float[] flat = new float[4];
        List<float[]> maps = List.of(map, flat, map, flat.clone(), map);

        ClassScore result = CScore.ofDefaults().scoreClass(0, maps, 2, 2, new float[] {1, 1, 1, 1, 1});

        // 10 pairs, only the 3 pairs among the three equal maps score 1.
        assertEquals(0.3, result.score(), 1e-12);
        assertEquals(2, result.flatMaps());
    }

    @Test
    void allFlatMapsScoreZero() {
        List<float[]> maps = Collections.nCopies(6, new float[9]);

        ClassScore result = CScore.ofDefaults().scoreClass(2, maps, 3, 3, new float[] {1, 1, 1, 1, 1, 1});

        assertTrue(result.isDefined());
        assertEquals(0.0, result.score());
        assertEquals(6, result.flatMaps());
    }

    @Nested
    class WhenTheGoldListIsTooSmall {

        private final ClassScore result = CScore.ofDefaults()
                .scoreClass(1, THREE_MAPS, 2, 2, new float[] {1, 1, 1});

        @Test
        void theScoreIsNaN() {
            assertTrue(Double.isNaN(result.score()));
            assertFalse(result.isDefined());
        }

        @Test
        void theReasonNamesSizeAndMinimum() {
            assertEquals("gold list has 3 instances, fewer than minGoldSize 5", result.undefinedReason());
            assertEquals(3, result.goldSize());
        }

        @Test
        void anEmptyGoldListIsUndefinedToo() {
            ClassScore empty = CScore.ofDefaults().scoreClass(0, List.of(), 224, 224, new float[0]);

            assertEquals("gold list has 0 instances, fewer than minGoldSize 5", empty.undefinedReason());
        }
    }

    @Test
    void zeroConfidencesLeaveTheScoreUndefined() {
        ClassScore result = score(2, SoftIou.MIN_MAX).scoreClass(0, THREE_MAPS, 2, 2, new float[3]);

        assertFalse(result.isDefined());
        assertEquals("confidence weights sum to zero over 3 pairs", result.undefinedReason());
    }

    @Nested
    class ScoringResolution {

        /** Two 4 x 4 checkerboards, one the other's complement. */
        private final List<float[]> boards = List.of(
                TestMaps.parse("1 0 1 0  0 1 0 1  1 0 1 0  0 1 0 1"),
                TestMaps.parse("0 1 0 1  1 0 1 0  0 1 0 1  1 0 1 0"));

        private ClassScore at(int resolution) {
            return new CScore(CScoreConfig.builder().optMinGoldSize(2).optResolution(resolution).build())
                    .scoreClass(0, boards, 4, 4, new float[] {1, 1});
        }

        @Test
        void mapsAtMostRByRAreScoredAsTheyAre() {
            assertEquals(0.0, at(4).score(), 1e-9);
            assertEquals(0.0, at(64).score(), 1e-9);
        }

        @Test
        void largerMapsAreAveragedFirst() {
            // At 2 x 2 every cell of both boards averages 0.5: equal maps.
            assertEquals(1.0, at(2).score(), 1e-9);
        }

        @Test
        void aNonIntegerRatioAveragesByArea() {
            // 4 -> 3 cells of 4/3 pixels: the row 1 0 1 0 becomes 3/4 1/2 1/4, so the first board
            // becomes (5/8 1/2 3/8 / 1/2 1/2 1/2 / 3/8 1/2 5/8) and the second its complement,
            // 1 minus that. Squared, the four corners hold 25/64 and 9/64 (one each way) and the
            // other five cells 16/64 in both: sum min = (4 * 9 + 5 * 16) / 64 = 116/64 and
            // sum max = (4 * 25 + 5 * 16) / 64 = 180/64.
            double expected = 116.0 / 180;
            assertEquals(expected, at(3).score(), 1e-6);
        }
    }

    @Nested
    class RejectsBadInput {

        private final CScore score = CScore.ofDefaults();

        @Test
        void mapsOfDifferentSizes() {
            var e = assertThrows(IllegalArgumentException.class, () -> score.scoreClass(
                    0, List.of(new float[4], new float[3]), 2, 2, new float[] {1, 1}));
            assertEquals("maps[1] must have width * height = 4 values, but had 3", e.getMessage());
        }

        @Test
        void nanInAMap() {
            var e = assertThrows(IllegalArgumentException.class, () -> score.scoreClass(
                    0, List.of(new float[4], new float[] {0, Float.NaN, 0, 0}), 2, 2, new float[] {1, 1}));
            assertEquals("maps[1][1] must be in [0, 1], but was NaN", e.getMessage());
        }

        @Test
        void mapValueAboveOne() {
            var e = assertThrows(IllegalArgumentException.class, () -> score.scoreClass(
                    0, List.of(new float[] {0, 0, 1.5f, 0}), 2, 2, new float[] {1}));
            assertEquals("maps[0][2] must be in [0, 1], but was 1.5", e.getMessage());
        }

        @Test
        void toleratesRoundingJustOutsideZeroToOne() {
            List<float[]> maps = List.of(new float[] {1.000001f, -0.000001f}, new float[] {1, 0});

            ClassScore result = score(2, SoftIou.MIN_MAX).scoreClass(0, maps, 2, 1, new float[] {1, 1});

            assertEquals(1.0, result.score(), 1e-12);
        }

        @Test
        void probabilityOutsideZeroToOne() {
            var e = assertThrows(IllegalArgumentException.class, () -> score.scoreClass(
                    0, List.of(new float[4], new float[4]), 2, 2, new float[] {1, 1.2f}));
            assertEquals("confidences[1] must be in [0, 1], but was 1.2", e.getMessage());
        }

        @Test
        void mismatchedLengths() {
            var e = assertThrows(IllegalArgumentException.class, () -> score.scoreClass(
                    0, List.of(new float[4], new float[4]), 2, 2, new float[] {1, 1, 1}));
            assertEquals("maps and confidences must have the same length, but were 2 and 3", e.getMessage());
        }

        @Test
        void zeroWidth() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> score.scoreClass(0, List.of(), 0, 2, new float[0]));
            assertEquals("width and height must be at least 1, but were 0 and 2", e.getMessage());
        }
    }

    @Test
    void goldListUsesTheConfiguredThreshold() {
        CScore score = new CScore(CScoreConfig.builder().optGoldThreshold(0.8f).build());
        float[][] probabilities = TestMaps.parseRows("0.15 0.85 | 0.05 0.95 | 0.25 0.75");

        assertEquals(List.of(0, 1), box(score.goldList(new int[] {1, 1, 1}, probabilities, 1)));
        assertEquals(List.of(1), box(CScore.ofDefaults().goldList(new int[] {1, 1, 1}, probabilities, 1)));
    }

    private static List<Integer> box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
