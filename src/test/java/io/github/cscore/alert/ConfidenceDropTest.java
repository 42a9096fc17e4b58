package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.util.List;

/** {@link ConfidenceDrop}: a class's mean confidence at least 0.15 below its maximum of the last five checkpoints. */
class ConfidenceDropTest {

    private static final List<String> TWO = List.of("NORMAL", "PNEUMONIA");

    /** Two classes, NORMAL at a steady 0.9, PNEUMONIA at the given confidence. */
    private static CheckpointResult confidence(double pneumonia) {
        return Results.classes(TWO, new int[] {14, 14}, new double[] {0.95, 0.95})
                .confidence(0.9, pneumonia).build("r1");
    }

    /** The findings at the last of these checkpoints. */
    private static List<Finding> findings(ConfidenceDrop rule, CheckpointResult... results) {
        CheckpointHistory history = new CheckpointHistory(rule.window());
        for (CheckpointResult result : results) {
            history.add(result);
        }
        return rule.evaluate(history);
    }

    private static List<Finding> findings(CheckpointResult... results) {
        return findings(ConfidenceDrop.ofDefaults(), results);
    }

    @Test
    void theDefaultsAreADropOfFifteenHundredthsWithinFiveCheckpointsAndAWarning() {
        ConfidenceDrop rule = ConfidenceDrop.ofDefaults();

        assertEquals(0.15, ConfidenceDrop.Settings.DEFAULT_DROP);
        assertEquals(new ConfidenceDrop.Settings(0.15, 5, 4), ConfidenceDrop.Settings.ofDefaults());
        assertEquals(5, rule.window());
        assertEquals(1, rule.forCheckpoints());
        assertEquals(Severity.WARNING, rule.severity());
        assertEquals(ConfidenceDrop.NAME, rule.rule());
    }

    @Test
    void aDropOfExactlyTheThresholdFires() {
        // 0.9 - 0.15 is 0.75 exactly in binary arithmetic, as in Prometheus'.
        List<Finding> found = findings(confidence(0.9), confidence(0.75));

        assertEquals(1, found.size(), found.toString());
        Finding finding = found.get(0);
        assertEquals("", finding.technique());
        assertEquals("PNEUMONIA", finding.className());
        assertEquals(0.75, finding.value());
        assertEquals(0.75, finding.threshold());
        assertEquals("the mean confidence in class PNEUMONIA fell to 0.75 from 0.90 within 2 checkpoints",
                finding.message());
    }

    @Test
    void aLargerDropFiresAndASmallerOneDoesNot() {
        assertEquals(1, findings(confidence(0.9), confidence(0.4)).size());
        assertEquals(List.of(), findings(confidence(0.9), confidence(0.76)));
        assertEquals(List.of(), findings(confidence(0.9), confidence(0.7500001)));
    }

    @Test
    void theMaximumIsTakenOverTheLastFiveCheckpointsOnly() {
        CheckpointResult high = confidence(0.95);
        CheckpointResult middle = confidence(0.8);

        assertEquals(1, findings(high, middle, middle, middle, confidence(0.7)).size(), "0.95 within five");
        assertEquals(List.of(), findings(high, middle, middle, middle, middle, confidence(0.7)), "0.95 six ago");
    }

    @Test
    void aGradualFallWithinTheWindowCounts() {
        List<Finding> found = findings(confidence(0.9), confidence(0.85), confidence(0.8), confidence(0.74));

        assertEquals(1, found.size(), found.toString());
        assertEquals(0.74, found.get(0).value());
    }

    @Test
    void anUnknownConfidenceNowIsQuietAndUnknownOnesBeforeAreLeftOut() {
        assertEquals(List.of(), findings(confidence(0.9), confidence(Double.NaN)), "NaN now");
        assertEquals(1, findings(confidence(0.9), confidence(Double.NaN), confidence(0.6)).size(), "NaN between");
        assertEquals(List.of(), findings(confidence(Double.NaN), confidence(Double.NaN), confidence(0.3)),
                "nothing defined before: no maximum but the value itself");
        assertEquals(List.of(), findings(confidence(0.3)), "the first checkpoint");
    }

    @Test
    void aClassAbsentFromEarlierCheckpointsHasNoDropYet() {
        CheckpointResult oneClass = Results.classes(List.of("NORMAL"), new int[] {14}, new double[] {0.95})
                .confidence(0.9).build("r1");

        assertEquals(List.of(), findings(oneClass, oneClass, confidence(0.2)));
    }

    /** A checkpoint of transfer learning, PNEUMONIA at the given confidence. */
    private static CheckpointResult transfer(double pneumonia) {
        return Results.classes(TWO, new int[] {14, 14}, new double[] {0.95, 0.95})
                .confidence(0.9, pneumonia).phase(Phase.TRANSFER).build("r1");
    }

    @Test
    void theFirstFourFineTuningCheckpointsAfterTheUnfreezeAreSilentAndTheFifthIsWatched() {
        CheckpointResult before = transfer(0.95);

        assertEquals(List.of(), findings(before, confidence(0.6)), "first after the unfreeze");
        assertEquals(List.of(), findings(before, confidence(0.9), confidence(0.9), confidence(0.6)), "third");
        assertEquals(List.of(), findings(before, confidence(0.9), confidence(0.9), confidence(0.9), confidence(0.6)),
                "fourth");
        assertEquals(1, findings(before, confidence(0.9), confidence(0.9), confidence(0.9), confidence(0.9),
                confidence(0.6)).size(), "fifth");
    }

    @Test
    void transferLearningItselfAndARunThatOnlyFineTunesAreWatched() {
        assertEquals(1, findings(transfer(0.9), transfer(0.6)).size(), "during transfer learning");
        assertEquals(1, findings(confidence(0.9), confidence(0.6)).size(), "fine-tuning from the start");
    }

    @Test
    void noSilenceAfterTheUnfreezeWhenSetToZero() {
        ConfidenceDrop rule = new ConfidenceDrop(new ConfidenceDrop.Settings(0.15, 5, 0));

        assertEquals(1, findings(rule, transfer(0.95), confidence(0.6)).size());
        assertEquals(5, rule.window());
    }

    @Test
    void aLongerSilenceKeepsAsManyCheckpointsAsItNeeds() {
        assertEquals(8, new ConfidenceDrop(new ConfidenceDrop.Settings(0.15, 5, 7)).window());
    }

    @Test
    void otherSettingsMoveTheThreshold() {
        ConfidenceDrop rule = new ConfidenceDrop(new ConfidenceDrop.Settings(0.3, 2));

        assertEquals(List.of(), findings(rule, confidence(0.9), confidence(0.7)));
        assertEquals(1, findings(rule, confidence(0.9), confidence(0.5)).size());
        assertEquals(List.of(), findings(rule, confidence(0.9), confidence(0.8), confidence(0.55)), "window 2");
    }

    @Test
    void theEngineFiresItAtTheFirstCheckpointWithTheDropAndResolvesWhenItRecovers() {
        AlertEngine engine = AlertEngine.ofDefaults();
        AlertKey key = new AlertKey(ConfidenceDrop.NAME, "", "PNEUMONIA");

        assertTrue(engine.evaluate(confidence(0.9)).isEmpty());
        List<AlertEvent> fired = engine.evaluate(confidence(0.7));
        List<AlertEvent> resolved = engine.evaluate(confidence(0.9));

        assertEquals(List.of(key), fired.stream().map(AlertKey::of).toList());
        assertEquals(Severity.WARNING, fired.get(0).severity());
        assertEquals(AlertEvent.State.RESOLVED, resolved.get(0).state());
    }

    @Test
    void settingsOutOfRangeAreRejectedByName() {
        var drop = assertThrows(IllegalArgumentException.class, () -> new ConfidenceDrop.Settings(0, 5));
        var window = assertThrows(IllegalArgumentException.class, () -> new ConfidenceDrop.Settings(0.15, 1));

        assertTrue(drop.getMessage().startsWith("drop must be in (0, 1)"), drop.getMessage());
        assertEquals("window must be at least 2, but was 1", window.getMessage());
        var silence = assertThrows(IllegalArgumentException.class, () -> new ConfidenceDrop.Settings(0.15, 5, -1));
        assertEquals("afterUnfreeze must be at least 0, but was -1", silence.getMessage());
    }
}
