package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AucTest {

    private static boolean[] positives(String labels) {
        int[] values = TestMaps.parseInts(labels);
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == 1;
        }
        return out;
    }

    @ParameterizedTest(name = "labels {0}, scores {1}: {2}")
    @CsvSource({
        // (positive, negative) pairs won, ties count half, over nPos * nNeg
        "0 0 1 1,     0.1 0.4 0.35 0.8,     0.75",  // .35 beats .1 only; .8 beats both: 3/4
        "0 1 0 1,     0.5 0.5 0.2 0.9,      0.875", // .5 ties .5 (1/2), beats .2; .9 beats both: 3.5/4
        "0 0 1 1,     0.1 0.2 0.8 0.9,      1.0",   // perfect ranking
        "1 1 0 0,     0.1 0.2 0.8 0.9,      0.0",   // reversed ranking
        "0 1 0 1,     0.5 0.5 0.5 0.5,      0.5",   // all tied
        "1 0 0 0 1,   0.3 0.3 0.3 0.1 0.9,  0.83333333", // .3 vs (.3 .3 .1): 2; .9 vs all: 3 -> 5/6
    })
    void matchesHandComputedMannWhitney(String labels, String scores, double expected) {
        assertEquals(expected, Auc.ofScores(TestMaps.parse(scores), positives(labels)), 1e-8);
    }

    @Test
    void isUndefinedWithoutPositives() {
        assertTrue(Double.isNaN(Auc.ofScores(TestMaps.parse("0.1 0.9"), positives("0 0"))));
    }

    @Test
    void isUndefinedWithoutNegatives() {
        assertTrue(Double.isNaN(Auc.ofScores(TestMaps.parse("0.1 0.9"), positives("1 1"))));
    }

    @Test
    void equalsTheQuadraticPairCountWithManyTies() {
        Random random = new Random(41);
        float[] scores = new float[500];
        boolean[] positive = new boolean[500];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = random.nextInt(3) == 0;
            scores[i] = (random.nextInt(10) + (positive[i] ? 3 : 0)) / 20f; // coarse: many ties
        }

        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (positive[i] && !positive[j]) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }

        assertEquals(wins / pairs, Auc.ofScores(scores, positive), 1e-12);
    }

    @Nested
    class OneVsRest {

        // labels 0 0 1 1 2 2; see each test for the pairs
        private final int[] labels = {0, 0, 1, 1, 2, 2};
        private final float[][] probabilities = TestMaps.parseRows(
                "0.7 0.2 0.1 | 0.4 0.4 0.2 | 0.3 0.6 0.1 | 0.5 0.3 0.2 | 0.1 0.2 0.7 | 0.2 0.5 0.3");

        @Test
        void scoresEachClassByItsOwnProbability() {
            // class 0: .7 beats 4, .4 beats 3 of (.3 .5 .1 .2): 7/8
            // class 1: .6 beats 4, .3 beats 2 of (.2 .4 .2 .5): 6/8
            // class 2: .7 and .3 beat all of (.1 .2 .1 .2): 8/8
            assertArrayEquals(new double[] {0.875, 0.75, 1.0}, Auc.perClass(labels, probabilities), 1e-12);
            assertEquals(0.75, Auc.oneVsRest(labels, probabilities, 1), 1e-12);
        }

        @Test
        void macroIsTheMeanOverClasses() {
            ClassificationSummary summary = ClassificationSummary.of(labels, probabilities);

            assertEquals(0.875, summary.macroAuc(), 1e-12);
            // argmax: 0, 0 (tie .4/.4 to the lower class), 1, 0, 2, 1 -> 4 of 6 correct
            assertEquals(4.0 / 6, summary.accuracy(), 1e-12);
        }

        @Test
        void aClassWithoutPositivesIsUndefinedAndLeftOutOfTheMacro() {
            int[] noClassTwo = {0, 0, 1, 1, 1, 0};

            double[] auc = Auc.perClass(noClassTwo, probabilities);

            assertTrue(Double.isNaN(auc[2]));
            assertEquals((auc[0] + auc[1]) / 2, Auc.macro(auc), 1e-12);
        }

        @Test
        void macroWithNoDefinedClassIsNaN() {
            assertTrue(Double.isNaN(Auc.macro(new double[] {Double.NaN, Double.NaN})));
        }
    }

    @Test
    void rejectsMismatchedLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Auc.ofScores(new float[3], new boolean[2]));
        assertEquals("scores and positive must have the same length, but were 3 and 2", e.getMessage());
    }

    @Test
    void rejectsNaNScores() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Auc.ofScores(new float[] {0.5f, Float.NaN}, new boolean[] {true, false}));
        assertEquals("scores[1] must not be NaN", e.getMessage());
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Auc.perClass(new int[] {0, 1}, TestMaps.parseRows("0.5 0.5 | -0.1 1")));
        assertEquals("probabilities[1][0] must be in [0, 1], but was -0.1", e.getMessage());
    }
}
