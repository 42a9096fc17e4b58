package io.github.cscore.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.util.List;

class ScheduledGapsTest {

    private final ScheduledGaps gaps = new ScheduledGaps();

    private static Results checkpoint(int epoch) {
        return Results.classes(List.of("NORMAL"), new int[] {9}, new double[] {0.9}).epoch(epoch)
                .scored(Technique.GRAD_CAM, new double[] {0.1 * epoch}, new int[] {0});
    }

    @Test
    void aScheduledOutTechniqueReadsAsItsLastScoredResult() {
        CheckpointResult first = checkpoint(1).scored(Technique.SCORE_CAM, new double[] {0.6}, new int[] {0}).build("r");
        CheckpointResult second = checkpoint(2).skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT).build("r");

        gaps.fill(first);
        CheckpointResult filled = gaps.fill(second);

        assertEquals(first.technique(Technique.SCORE_CAM), filled.technique(Technique.SCORE_CAM));
        assertEquals(second.technique(Technique.GRAD_CAM), filled.technique(Technique.GRAD_CAM));
        assertEquals(2, filled.epoch());
        assertTrue(filled.skips().isEmpty());
        assertTrue(ScheduledGaps.isScheduledOut(second, Technique.SCORE_CAM));
    }

    @Test
    void aTechniqueNeverScoredStaysScheduledOut() {
        CheckpointResult first = checkpoint(1).skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT).build("r");

        assertSame(first, gaps.fill(first));
    }

    @Test
    void afterAFailureNoOlderScoreIsCarriedAndTheFailureIsNotRepeated() {
        gaps.fill(checkpoint(1).scored(Technique.SCORE_CAM, new double[] {0.6}, new int[] {0}).build("r"));
        gaps.fill(checkpoint(2).skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT).build("r"));
        CheckpointResult third = checkpoint(3).skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT).build("r");

        CheckpointResult filled = gaps.fill(third);

        assertSame(third, filled);
        assertEquals(List.of(SkipReason.SCHEDULED_OUT), filled.skips());
    }
}
