package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}, Prometheus only: while training runs, no checkpoint for more than {@code
 * staleCheckpoints} times the run's own mean time per checkpoint, measured since its exporter
 * started ({@code (last checkpoint - start) / checkpoints}, recording rule {@value #INTERVAL}), so
 * a run with 20-minute epochs and a demo with 30-second ones are each judged by their own pace,
 * whatever period the file was rendered for. Before the first checkpoint there is no pace to go
 * by: then the rendered period stands in, counted from the start. A checkpoint that never comes
 * gives the in-process engine nothing to evaluate, so this rule has no detector.
 */
public final class CheckpointStale implements AlertRule {

    /** The rule name. */
    public static final String NAME = "CScoreCheckpointStale";

    /** The recording rule of a run's mean time per checkpoint since it started, in seconds. */
    static final String INTERVAL = "cscore:checkpoint_interval_seconds:mean";

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
    public List<Recording> recordings(PrometheusContext context) {
        return List.of(new Recording(INTERVAL, "(" + CScoreMeters.CHECKPOINT_TIMESTAMP.prometheusName() + " - "
                + CScoreMeters.RUN_START.prometheusName() + ") / " + CScoreMeters.CHECKPOINTS.prometheusName()));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String timestamp = CScoreMeters.CHECKPOINT_TIMESTAMP.prometheusName();
        String start = CScoreMeters.RUN_START.prometheusName();
        String training = CScoreMeters.TRAINING_ACTIVE.prometheusName() + " == 1";
        return "time() - " + timestamp + " > " + s.staleCheckpoints() + " * " + INTERVAL + " and " + training + "\n"
                + "or time() - " + start + " > " + context.period().multipliedBy(s.staleCheckpoints()).toMillis() / 1000.0
                + " and " + CScoreMeters.CHECKPOINTS.prometheusName() + " == 0 and " + training;
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "No C-Score checkpoint for a while in " + WHO;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the last checkpoint, or the start before the first one, was " + VALUE + " s ago, more "
                + "than " + s.staleCheckpoints() + " times the run's mean time per checkpoint, while training is still "
                + "running.";
    }

    /**
     * The threshold of {@value #NAME}.
     *
     * @param staleCheckpoints no checkpoint for this many times the run's mean time per checkpoint
     *     (before the first: the rendered period) while training runs fires
     */
    public record Settings(int staleCheckpoints) {

        /** Default staleCheckpoints: three mean intervals, so one slow epoch stays quiet. */
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
         * @return {@value #DEFAULT_STALE_CHECKPOINTS} intervals
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_STALE_CHECKPOINTS);
        }
    }
}
