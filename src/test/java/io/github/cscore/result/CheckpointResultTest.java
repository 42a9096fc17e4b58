package io.github.cscore.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class CheckpointResultTest {

    private static final CheckpointResult.Identity ID = new CheckpointResult.Identity("r1", "m", 4, Phase.FINETUNE);
    private static final CheckpointResult.Timing AT = new CheckpointResult.Timing(Instant.EPOCH, 1.5, 0.5);
    private static final List<ClassMetrics> CLASSES =
            List.of(new ClassMetrics(0, "NORMAL", 8, 0, Double.NaN), new ClassMetrics(1, "PNEUMONIA", 6, 0, Double.NaN));

    @Test
    void aDegenerateCheckpointSkipsEveryTechniqueAndCountsOneSkip() {
        CheckpointResult result = CheckpointResult.degenerate(ID, AT, CLASSES,
                List.of(Technique.GRAD_CAM, Technique.EIGEN_CAM), "non-finite logits", false);

        assertEquals(SkipReason.DEGENERATE, result.skipReason());
        assertEquals(14, result.sampleSize());
        assertTrue(Double.isNaN(result.accuracy()) && Double.isNaN(result.macroAuc()));
        assertTrue(result.techniques().values().stream()
                .allMatch(t -> t.skipReason() == SkipReason.DEGENERATE && t.detail().equals("non-finite logits")));
        assertEquals(List.of(SkipReason.DEGENERATE), result.skips());
    }

    @Test
    void aScoredCheckpointCountsOneSkipPerSkippedTechniqueInTechniqueOrder() {
        CheckpointResult result = Results.classes(List.of("NORMAL"), new int[] {9}, new double[] {0.9})
                .skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT)
                .scored(Technique.GRAD_CAM, new double[] {0.5}, new int[] {0})
                .skipped(Technique.EIGEN_CAM, SkipReason.CIRCUIT_OPEN)
                .build("r1");

        assertEquals(List.of(SkipReason.CIRCUIT_OPEN, SkipReason.TIMEOUT), result.skips());
    }

    @Test
    void identityAndTimingGiveBackWhatTheFactoryWasGiven() {
        CheckpointResult result = CheckpointResult.scored(ID, AT, 0.75, 0.8, CLASSES, java.util.Map.of(), true);

        assertEquals(ID, result.identity());
        assertEquals(AT, result.timing());
        assertEquals(14, result.sampleSize());
        assertTrue(result.skips().isEmpty());
    }
}
