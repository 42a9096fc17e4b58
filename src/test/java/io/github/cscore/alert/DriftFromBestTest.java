package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.util.List;

/** {@link DriftFromBest}: a class's maps at least 0.55 from the best checkpoint's in two techniques. */
class DriftFromBestTest {

    private static final List<String> TWO = List.of("NORMAL", "PNEUMONIA");
    private static final Technique[] THREE = {Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM};

    /** A checkpoint whose PNEUMONIA maps drifted from the best checkpoint's by these, per technique. */
    private static CheckpointResult drifted(double... pneumonia) {
        Results results = Results.classes(TWO, new int[] {14, 14}, new double[] {1, 1});
        for (int t = 0; t < THREE.length; t++) {
            // NORMAL's maps jumped since the previous checkpoint (0.9) but are near the best checkpoint's (0.1).
            results.scored(THREE[t], new double[] {0.6, 0.6}, new int[] {0, 0}).signals(THREE[t],
                    new ExplanationSignals(0.9, 0.1, 0.3), new ExplanationSignals(0.1, pneumonia[t], 0.3));
        }
        return results.build("r1");
    }

    private static List<Finding> findings(CheckpointResult result) {
        CheckpointHistory history = new CheckpointHistory(1);
        history.add(result);
        return DriftFromBest.ofDefaults().evaluate(history);
    }

    @Test
    void twoTechniquesAtTheThresholdFireForTheClass() {
        List<Finding> found = findings(drifted(0.55, 0.8, 0.2));

        assertEquals(1, found.size(), found.toString());
        assertEquals("PNEUMONIA", found.get(0).className());
        assertEquals(2.0, found.get(0).value());
        assertEquals("the maps of class PNEUMONIA moved by 0.80 or more in 2 techniques from the best checkpoint's "
                + "(at least 0.55 in 2 fires)", found.get(0).message());
    }

    @Test
    void oneTechniqueAloneJustBelowOrUndefinedDoesNotFire() {
        assertEquals(List.of(), findings(drifted(0.9, 0.5499, Double.NaN)));
    }

    @Test
    void theDriftFromThePreviousCheckpointIsNotRead() {
        // NORMAL drifted by 0.9 from the previous checkpoint in all three techniques.
        assertEquals(List.of(), findings(drifted(0.1, 0.1, 0.1)));
    }

    @Test
    void theDefaultsAreTheCalibratedOnes() {
        assertEquals(new DriftFromBest.Settings(0.55, 2), DriftFromBest.Settings.ofDefaults());
        assertEquals(1, DriftFromBest.ofDefaults().forCheckpoints());
        assertEquals(DriftFromBest.NAME, DriftFromBest.ofDefaults().rule());
    }
}
