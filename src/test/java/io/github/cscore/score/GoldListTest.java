package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoldListTest {

    private static final int[] LABELS = {1, 1, 1, 0, 1, 1, 0};
    private static final float[][] PROBABILITIES = TestMaps.parseRows(
            "0.05 0.95 | 0.1 0.9 | 0.2 0.8 | 0.02 0.98 | 0.5 0.5 | 0.6 0.4 | 0.95 0.05");

    @ParameterizedTest(name = "class {0}, tau {1}: [{2}]")
    @CsvSource({
        // 0: correct and confident; 1: exactly at tau 0.9 (kept); 2: correct but 0.8;
        // 3: label 0 predicted 1; 4: a 0.5/0.5 tie is predicted 0; 5: label 1 predicted 0
        "1, 0.9,  0 1",
        "1, 0.5,  0 1 2",
        "1, 0.96, ''",
        "0, 0.9,  6",
        "0, 0.5,  6",
    })
    void selectsCorrectAndConfidentInstances(int classIndex, float threshold, String expected) {
        int[] gold = GoldList.select(LABELS, PROBABILITIES, classIndex, threshold);

        int[] want = expected.isEmpty() ? new int[0] : TestMaps.parseInts(expected);
        assertArrayEquals(want, gold);
    }

    @Test
    void aTieInTheArgmaxGoesToTheLowestClass() {
        int[] labels = {0, 1};
        float[][] probabilities = TestMaps.parseRows("0.5 0.5 | 0.5 0.5");

        assertArrayEquals(new int[] {0}, GoldList.select(labels, probabilities, 0, 0.5f));
        assertArrayEquals(new int[0], GoldList.select(labels, probabilities, 1, 0.5f));
    }

    @Nested
    class RejectsBadInput {

        private IllegalArgumentException reject(int[] labels, String rows, int classIndex, float threshold) {
            return assertThrows(IllegalArgumentException.class,
                    () -> GoldList.select(labels, TestMaps.parseRows(rows), classIndex, threshold));
        }

        @Test
        void mismatchedLengths() {
            assertEquals("labels and probabilities must have the same length, but were 3 and 2",
                    reject(new int[] {0, 1, 1}, "0.5 0.5 | 0.1 0.9", 0, 0.9f).getMessage());
        }

        @Test
        void rowsOfDifferentLength() {
            assertEquals("probabilities rows must have equal length, but row 0 has 2 and row 1 has 3",
                    reject(new int[] {0, 1}, "0.5 0.5 | 0.1 0.8 0.1", 0, 0.9f).getMessage());
        }

        @Test
        void nanProbability() {
            assertEquals("probabilities[1][0] must be in [0, 1], but was NaN",
                    reject(new int[] {0, 1}, "0.5 0.5 | NaN 0.9", 0, 0.9f).getMessage());
        }

        @Test
        void probabilityAboveOne() {
            assertEquals("probabilities[0][1] must be in [0, 1], but was 1.1",
                    reject(new int[] {0, 1}, "0.5 1.1 | 0.1 0.9", 0, 0.9f).getMessage());
        }

        @Test
        void labelOutOfRange() {
            assertEquals("labels[1] must be in [0, 2), but was 2",
                    reject(new int[] {0, 2}, "0.5 0.5 | 0.1 0.9", 0, 0.9f).getMessage());
        }

        @Test
        void classOutOfRange() {
            assertEquals("classIndex must be in [0, 2), but was 2",
                    reject(new int[] {0, 1}, "0.5 0.5 | 0.1 0.9", 2, 0.9f).getMessage());
        }

        @Test
        void thresholdZero() {
            assertEquals("threshold must be in (0, 1], but was 0.0",
                    reject(new int[] {0, 1}, "0.5 0.5 | 0.1 0.9", 0, 0f).getMessage());
        }

        @Test
        void oneClassOnly() {
            assertEquals("probabilities must have at least 2 classes, but had 1",
                    reject(new int[] {0, 0}, "1 | 1", 0, 0.9f).getMessage());
        }

        @Test
        void noInstances() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> GoldList.select(new int[0], new float[0][], 0, 0.9f));
            assertEquals("labels must not be empty", e.getMessage());
        }
    }
}
