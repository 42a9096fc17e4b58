package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.util.List;

/** {@link ExplanationDrift}: a class's maps moved by at least 0.5 since the previous checkpoint in two techniques. */
class ExplanationDriftTest {

    private static final List<String> TWO = List.of("NORMAL", "PNEUMONIA");
    private static final double[] STEADY = {0.5, 0.5};
    private static final int[] NO_FLAT = {0, 0};

    /** Three techniques; each one's drift of PNEUMONIA's maps as given, NORMAL's 0.1. */
    private static CheckpointResult drift(double gradCam, double layerCam, double eigenCam) {
        return Results.classes(TWO, new int[] {14, 14}, new double[] {0.96, 0.96})
                .scored(Technique.GRAD_CAM, STEADY, NO_FLAT).drift(Technique.GRAD_CAM, 0.1, gradCam)
                .scored(Technique.LAYER_CAM, STEADY, NO_FLAT).drift(Technique.LAYER_CAM, 0.1, layerCam)
                .scored(Technique.EIGEN_CAM, STEADY, NO_FLAT).drift(Technique.EIGEN_CAM, 0.1, eigenCam)
                .build("r1");
    }

    private static List<Finding> findings(ExplanationDrift rule, CheckpointResult result) {
        CheckpointHistory history = new CheckpointHistory(1);
        history.add(result);
        return rule.evaluate(history);
    }

    private static List<Finding> findings(CheckpointResult result) {
        return findings(ExplanationDrift.ofDefaults(), result);
    }

    @Test
    void theDefaultsAreHalfOfEachMapInTwoTechniquesAtOneCheckpointAndAWarning() {
        ExplanationDrift rule = ExplanationDrift.ofDefaults();

        assertEquals(new ExplanationDrift.Settings(0.5, 2, 1), ExplanationDrift.Settings.ofDefaults());
        assertEquals(1, rule.forCheckpoints());
        assertEquals(1, rule.window());
        assertEquals(Severity.WARNING, rule.severity());
    }

    @Test
    void twoTechniquesAtExactlyTheThresholdFire() {
        List<Finding> found = findings(drift(0.5, 0.5, 0.1));

        assertEquals(1, found.size(), found.toString());
        Finding finding = found.get(0);
        assertEquals("", finding.technique());
        assertEquals("PNEUMONIA", finding.className());
        assertEquals(2.0, finding.value());
        assertEquals(2.0, finding.threshold());
        assertEquals("the maps of class PNEUMONIA moved by 0.50 or more in 2 techniques since the previous "
                + "checkpoint (at least 0.50 in 2 fires)", finding.message());
    }

    @Test
    void theValueIsHowManyTechniquesMoved() {
        List<Finding> found = findings(drift(0.9, 0.7, 0.6));

        assertEquals(3.0, found.get(0).value());
        assertTrue(found.get(0).message().startsWith("the maps of class PNEUMONIA moved by 0.90 or more in 3"),
                found.get(0).message());
    }

    @Test
    void justBelowTheThresholdInOneOfTwoTechniquesIsQuiet() {
        assertEquals(List.of(), findings(drift(0.5, 0.4999, 0.1)));
    }

    @Test
    void oneTechniqueAloneIsQuietHoweverFarItsMapsMoved() {
        assertEquals(List.of(), findings(drift(1.0, 0.1, 0.1)));
    }

    @Test
    void unknownDriftsCountForNothing() {
        assertEquals(List.of(), findings(drift(0.9, Double.NaN, Double.NaN)), "NaN, as at the first checkpoint");
        CheckpointResult noSignals = Results.classes(TWO, new int[] {14, 14}, new double[] {0.96, 0.96})
                .scored(Technique.GRAD_CAM, STEADY, NO_FLAT).scored(Technique.LAYER_CAM, STEADY, NO_FLAT)
                .build("r1");
        assertEquals(List.of(), findings(noSignals), "no signals measured");
    }

    @Test
    void aSkippedTechniqueCountsForNothing() {
        CheckpointResult result = Results.classes(TWO, new int[] {14, 14}, new double[] {0.96, 0.96})
                .scored(Technique.GRAD_CAM, STEADY, NO_FLAT).drift(Technique.GRAD_CAM, 0.1, 0.8)
                .skipped(Technique.LAYER_CAM, SkipReason.ERROR)
                .build("r1");

        assertEquals(List.of(), findings(result));
    }

    @Test
    void itNeedsNoGoldList() {
        CheckpointResult leaving = Results.classes(TWO, new int[] {14, 0}, new double[] {0.96, 0.96})
                .scored(Technique.GRAD_CAM, new double[] {0.5, Double.NaN}, NO_FLAT)
                .drift(Technique.GRAD_CAM, 0.1, 0.7)
                .scored(Technique.LAYER_CAM, new double[] {0.5, Double.NaN}, NO_FLAT)
                .drift(Technique.LAYER_CAM, 0.1, 0.6)
                .build("r1");

        assertEquals(List.of("PNEUMONIA"), findings(leaving).stream().map(Finding::className).toList());
    }

    @Test
    void otherSettingsMoveTheThresholdAndTheCount() {
        assertEquals(1, findings(new ExplanationDrift(new ExplanationDrift.Settings(0.5, 1, 1)),
                drift(0.6, 0.1, 0.1)).size());
        assertEquals(List.of(), findings(new ExplanationDrift(new ExplanationDrift.Settings(0.7, 2, 1)),
                drift(0.6, 0.9, 0.1)));
    }

    @Test
    void theEngineFiresItAtTheCheckpointTheMapsMoved() {
        AlertEngine engine = AlertEngine.ofDefaults();

        assertTrue(engine.evaluate(drift(0.1, 0.1, 0.1)).isEmpty());
        List<AlertEvent> fired = engine.evaluate(drift(0.6, 0.55, 0.1));
        List<AlertEvent> next = engine.evaluate(drift(0.2, 0.1, 0.1));

        assertEquals(List.of(new AlertKey(ExplanationDrift.NAME, "", "PNEUMONIA")),
                fired.stream().map(AlertKey::of).toList());
        assertEquals(List.of(AlertEvent.State.RESOLVED), next.stream().map(AlertEvent::state).toList());
    }

    @Test
    void aPersistenceOfTwoCheckpointsWaitsForTheSecond() {
        AlertEngine engine = AlertEngine.builder()
                .optRule(new ExplanationDrift(new ExplanationDrift.Settings(0.5, 2, 2))).build();

        assertTrue(engine.evaluate(drift(0.6, 0.6, 0.1)).isEmpty());
        assertEquals(1, engine.evaluate(drift(0.6, 0.6, 0.1)).size());
    }

    @Test
    void settingsOutOfRangeAreRejectedByName() {
        var threshold = assertThrows(IllegalArgumentException.class, () -> new ExplanationDrift.Settings(1, 2, 1));
        var techniques = assertThrows(IllegalArgumentException.class, () -> new ExplanationDrift.Settings(0.5, 0, 1));

        assertTrue(threshold.getMessage().startsWith("threshold must be in (0, 1)"), threshold.getMessage());
        assertEquals("minTechniques must be at least 1, but was 0", techniques.getMessage());
    }
}
