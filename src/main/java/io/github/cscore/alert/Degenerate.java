package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;

import java.util.List;

/**
 * {@link RuleNames#DEGENERATE}: the latest checkpoint found non-finite logits, so nothing could be
 * scored; training has most likely diverged.
 */
final class Degenerate implements Detector {

    @Override
    public String rule() {
        return RuleNames.DEGENERATE;
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public int forCheckpoints() {
        return 1;
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        return latest.skipReason() == SkipReason.DEGENERATE
                ? List.of(new Finding("", "", 1, 0, "degenerate checkpoint at epoch " + latest.epoch() + ": "
                        + latest.detail()))
                : List.of();
    }
}
