package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;

import java.util.List;
import java.util.Optional;

/**
 * {@value #NAME}: the latest checkpoint found non-finite logits, so nothing could be scored;
 * training has most likely diverged. It has no settings.
 */
public final class CheckpointDegenerate implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreCheckpointDegenerate";

    private static final String DEGENERATE_IN_WINDOW = "cscore:degenerate_checkpoints:window";

    /** Creates the rule. */
    public CheckpointDegenerate() {}

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @return warning: a diverged experiment needs a restart, not a person at 3 a.m. (DJL's
     *     divergence check already stops its training)
     */
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    /** {@inheritDoc} */
    @Override
    public int forCheckpoints() {
        return 1;
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        return latest.skipReason() == SkipReason.DEGENERATE
                ? List.of(new Finding("", "", 1, 0, "degenerate checkpoint at epoch " + latest.epoch() + ": "
                        + latest.detail()))
                : List.of();
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        String degenerate = CScoreMeters.CHECKPOINTS_SKIPPED.prometheusName() + "{reason=\""
                + SkipReason.DEGENERATE.label() + "\"}";
        return List.of(new Recording(DEGENERATE_IN_WINDOW, context.lastCheckpoints(degenerate, 1)));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return DEGENERATE_IN_WINDOW + " > 0";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Model output is not finite in " + WHO;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the last checkpoint found NaN or infinite logits: training has most likely diverged.";
    }
}
