package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** {@link GoldListCollapse}: a gold list under five at a macro AUC of at least 0.9, fine-tuning only by default. */
class GoldListCollapseTest {

    private static final List<String> TWO = List.of("NORMAL", "PNEUMONIA");

    private static CheckpointResult checkpoint(int normalGold, double auc, Phase phase) {
        return Results.classes(TWO, new int[] {normalGold, 14}, new double[] {auc, auc}).phase(phase).build("r1");
    }

    private static List<Finding> findings(GoldListCollapse rule, CheckpointResult result) {
        CheckpointHistory history = new CheckpointHistory(1);
        history.add(result);
        return rule.evaluate(history);
    }

    @Test
    void aSmallGoldListAtHighAucFiresWhileFineTuning() {
        List<Finding> found = findings(GoldListCollapse.ofDefaults(), checkpoint(3, 0.95, Phase.FINETUNE));

        assertEquals(1, found.size(), found.toString());
        assertEquals("NORMAL", found.get(0).className());
        assertEquals(3.0, found.get(0).value());
    }

    @Test
    void byDefaultTransferLearningIsNotWatched() {
        assertEquals(List.of(), findings(GoldListCollapse.ofDefaults(), checkpoint(3, 0.95, Phase.TRANSFER)));
    }

    @Test
    void settingsWithoutThePhaseWatchTransferLearningToo() {
        GoldListCollapse rule = new GoldListCollapse(new GoldListCollapse.Settings(5, 0.9, 2));

        assertEquals(1, findings(rule, checkpoint(3, 0.95, Phase.TRANSFER)).size());
    }

    @Test
    void anUntrainedModelStaysQuiet() {
        assertEquals(List.of(), findings(GoldListCollapse.ofDefaults(), checkpoint(3, 0.7, Phase.FINETUNE)));
    }

    @Test
    void theRuleFileLeavesOutTransferLearningOnlyWhenTheSettingsDo() {
        PrometheusContext context = new PrometheusContext(Duration.ofMinutes(5), "cscore");
        String fineTuningOnly = GoldListCollapse.ofDefaults().expression(context);
        String everyPhase = new GoldListCollapse(new GoldListCollapse.Settings(5, 0.9, 2)).expression(context);

        assertTrue(fineTuningOnly.contains("unless on(job, instance, run, model) cscore_phase{phase=\"transfer\"} == 1"),
                fineTuningOnly);
        assertTrue(!everyPhase.contains("cscore_phase"), everyPhase);
    }
}
