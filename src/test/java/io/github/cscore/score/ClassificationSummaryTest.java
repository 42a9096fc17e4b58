package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationSummaryTest {

    @ParameterizedTest(name = "labels {0}: accuracy {2}")
    @CsvSource({
        "0 1 1 0,  0.9 0.1 | 0.2 0.8 | 0.6 0.4 | 0.3 0.7,  0.5",  // rows 2 and 3 wrong
        "0 1,      0.5 0.5 | 0.5 0.5,                      0.5",  // ties go to class 0
        "1 1 1,    0 1 | 0.4 0.6 | 0.49 0.51,              1.0",
    })
    void accuracyIsTheShareOfCorrectArgmax(String labels, String rows, double expected) {
        assertEquals(expected, Accuracy.of(TestMaps.parseInts(labels), TestMaps.parseRows(rows)), 1e-12);
    }

    @Test
    void summarisesAccuracyAndAuc() {
        int[] labels = {0, 0, 1, 1};
        float[][] rows = TestMaps.parseRows("0.9 0.1 | 0.6 0.4 | 0.65 0.35 | 0.2 0.8");

        ClassificationSummary summary = ClassificationSummary.of(labels, rows);

        // class 1 scores (.1 .4 | .35 .8): .35 beats .1 only, .8 beats both -> 3/4; class 0 mirrors it
        assertArrayEquals(new double[] {0.75, 0.75}, summary.aucPerClass(), 1e-12);
        assertEquals(0.75, summary.macroAuc(), 1e-12);
        assertEquals(0.75, summary.accuracy(), 1e-12);
    }

    @Test
    void keepsItsOwnCopyOfThePerClassAuc() {
        double[] auc = {0.5, 0.7};
        ClassificationSummary summary = new ClassificationSummary(0.9, auc, 0.6);

        auc[0] = 0;
        summary.aucPerClass()[1] = 0;

        assertArrayEquals(new double[] {0.5, 0.7}, summary.aucPerClass());
        assertEquals(new ClassificationSummary(0.9, new double[] {0.5, 0.7}, 0.6), summary);
        assertNotEquals(new ClassificationSummary(0.9, new double[] {0.5, 0.8}, 0.6), summary);
    }
}
