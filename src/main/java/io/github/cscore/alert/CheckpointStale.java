package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}, Prometheus only: no checkpoint for {@code staleCheckpoints} checkpoint periods
 * while training runs. A checkpoint that never comes gives the in-process engine nothing to
 * evaluate, so this rule has no detector.
 */
public final class CheckpointStale implements AlertRule {

    /** The rule name. */
    public static final String NAME = "CScoreCheckpointStale";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public CheckpointStale(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static CheckpointStale ofDefaults() {
        return new CheckpointStale(Settings.ofDefaults());
    }

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    /** {@inheritDoc} */
    @Override
    public int forCheckpoints() {
        return 1;
    }

    /**
     * {@inheritDoc}
     *
     * @return empty: a checkpoint that does not come cannot be evaluated in process
     */
    @Override
    public Optional<Detector> detector() {
        return Optional.empty();
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return "time() - " + CScoreMeters.CHECKPOINT_TIMESTAMP.prometheusName() + " > "
                + context.period().multipliedBy(s.staleCheckpoints()).toMillis() / 1000.0 + " and "
                + CScoreMeters.TRAINING_ACTIVE.prometheusName() + " == 1";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "No C-Score checkpoint for a while in " + WHO;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the last checkpoint finished " + VALUE + " s ago while training is still running.";
    }

    /**
     * The threshold of {@value #NAME}.
     *
     * @param staleCheckpoints no checkpoint for this many checkpoint periods while training runs fires
     */
    public record Settings(int staleCheckpoints) {

        /** Default staleCheckpoints: three periods, so one slow epoch stays quiet. */
        public static final int DEFAULT_STALE_CHECKPOINTS = 3;

        /**
         * Checks the value.
         *
         * @param staleCheckpoints at least 2
         * @throws IllegalArgumentException if it is below 2
         */
        public Settings {
            Bounds.atLeast("staleCheckpoints", staleCheckpoints, 2);
        }

        /**
         * Returns the default.
         *
         * @return {@value #DEFAULT_STALE_CHECKPOINTS} periods
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_STALE_CHECKPOINTS);
        }
    }
}
