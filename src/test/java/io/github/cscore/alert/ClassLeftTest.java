package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** {@link ClassLeft}: a gold list below 5 after at least 5 at the previous checkpoint. */
class ClassLeftTest {

    private static final List<String> TWO = List.of("NORMAL", "PNEUMONIA");

    /** Two classes, NORMAL's gold list full, PNEUMONIA's of the given size; the AUC stays high. */
    private static CheckpointResult gold(int pneumonia) {
        return Results.classes(TWO, new int[] {14, pneumonia}, new double[] {0.97, 0.97}).build("r1");
    }

    private static List<Finding> findings(ClassLeft rule, CheckpointResult... results) {
        CheckpointHistory history = new CheckpointHistory(rule.window());
        for (CheckpointResult result : results) {
            history.add(result);
        }
        return rule.evaluate(history);
    }

    private static List<Finding> findings(CheckpointResult... results) {
        return findings(ClassLeft.ofDefaults(), results);
    }

    @Test
    void theDefaultsAreTheCScoresMinimumGoldSizeAtThePreviousCheckpointAndAWarning() {
        ClassLeft rule = ClassLeft.ofDefaults();

        assertEquals(new ClassLeft.Settings(5, 2), ClassLeft.Settings.ofDefaults());
        assertEquals(2, rule.window());
        assertEquals(1, rule.forCheckpoints());
        assertEquals(Severity.WARNING, rule.severity());
    }

    @Test
    void aGoldListFallingBelowTheMinimumFires() {
        List<Finding> found = findings(gold(14), gold(4));

        assertEquals(1, found.size(), found.toString());
        Finding finding = found.get(0);
        assertEquals("", finding.technique());
        assertEquals("PNEUMONIA", finding.className());
        assertEquals(4.0, finding.value());
        assertEquals(5.0, finding.threshold());
        assertEquals("class PNEUMONIA left its gold list: 4 of 16 images now, 5 or more within the last 2 checkpoints",
                finding.message());
    }

    @Test
    void itFiresFromExactlyTheMinimumAndDownToAnEmptyList() {
        assertEquals(1, findings(gold(5), gold(4)).size());
        assertEquals(1, findings(gold(14), gold(0)).size());
    }

    @Test
    void aGoldListAtTheMinimumStaysQuiet() {
        assertEquals(List.of(), findings(gold(14), gold(5)));
    }

    @Test
    void aClassThatWasNeverInTheGoldListStaysQuiet() {
        assertEquals(List.of(), findings(gold(0), gold(4)));
        assertEquals(List.of(), findings(gold(4), gold(3)));
        assertEquals(List.of(), findings(gold(3)), "the first checkpoint");
    }

    @Test
    void itSpeaksOnceWhenTheClassLeavesNotWhileItStaysOut() {
        assertEquals(1, findings(gold(14), gold(3)).size());
        assertEquals(List.of(), findings(gold(14), gold(3), gold(2)));
    }

    @Test
    void aLongerWindowKeepsItFiring() {
        ClassLeft rule = new ClassLeft(new ClassLeft.Settings(5, 3));

        assertEquals(1, findings(rule, gold(14), gold(3), gold(2)).size());
        assertEquals(List.of(), findings(rule, gold(14), gold(3), gold(2), gold(2)));
    }

    @Test
    void aClassAbsentFromEarlierCheckpointsHasNotLeft() {
        CheckpointResult oneClass = Results.classes(List.of("NORMAL"), new int[] {14}, new double[] {0.97})
                .build("r1");

        assertEquals(List.of(), findings(oneClass, gold(2)));
    }

    @Test
    void itHoldsWhateverTheAucAndTheScores() {
        CheckpointResult untrained = Results.classes(TWO, new int[] {14, 2}, new double[] {0.6, 0.6})
                .scored(Technique.GRAD_CAM, new double[] {0.5, Double.NaN}, new int[] {0, 0}).build("r1");

        assertEquals(1, findings(gold(14), untrained).size());
    }

    @Test
    void aDegenerateCheckpointEmptiesEveryGoldListAndEveryClassLeaves() {
        List<ClassMetrics> empty = List.of(new ClassMetrics(0, "NORMAL", 16, 0, Double.NaN),
                new ClassMetrics(1, "PNEUMONIA", 16, 0, Double.NaN));
        CheckpointResult degenerate = CheckpointResult.degenerate(
                new CheckpointResult.Identity("r1", "resnet50v2", 4, Phase.FINETUNE),
                new CheckpointResult.Timing(Instant.EPOCH, 1, 0.5), empty, List.of(Technique.GRAD_CAM),
                "non-finite logits", false);

        List<String> classes = findings(gold(14), degenerate).stream().map(Finding::className).toList();

        assertEquals(List.of("NORMAL", "PNEUMONIA"), classes);
    }

    @Test
    void theEngineFiresItAtTheCheckpointTheClassLeavesAndResolvesAtTheNext() {
        AlertEngine engine = AlertEngine.ofDefaults();
        AlertKey key = new AlertKey(ClassLeft.NAME, "", "PNEUMONIA");

        assertTrue(engine.evaluate(gold(14)).isEmpty());
        List<AlertEvent> fired = engine.evaluate(gold(3));
        List<AlertEvent> next = engine.evaluate(gold(3));

        assertEquals(List.of(key), fired.stream().map(AlertKey::of).toList());
        assertEquals(List.of(AlertEvent.State.RESOLVED), next.stream().filter(e -> e.rule().equals(ClassLeft.NAME))
                .map(AlertEvent::state).toList(), "the gold-list collapse at high AUC takes over: " + next);
    }

    @Test
    void settingsOutOfRangeAreRejectedByName() {
        var minimum = assertThrows(IllegalArgumentException.class, () -> new ClassLeft.Settings(0, 2));
        var window = assertThrows(IllegalArgumentException.class, () -> new ClassLeft.Settings(5, 1));

        assertEquals("goldMinimum must be at least 1, but was 0", minimum.getMessage());
        assertEquals("window must be at least 2, but was 1", window.getMessage());
    }
}
