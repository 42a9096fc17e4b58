package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.CELL;
import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@value #NAME}: a class's C-Score below the floor for {@code floorFor} checkpoints in a row. */
public final class BelowFloor implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreBelowFloor";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public BelowFloor(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static BelowFloor ofDefaults() {
        return new BelowFloor(Settings.ofDefaults());
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
        return s.floorFor();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            double score = result.score(cls.index());
            return score < s.floor()
                    ? new Finding(technique.label(), cls.name(), score, s.floor(), technique.displayName()
                            + " C-Score of class " + cls.name() + " is " + Detectors.f(score) + ", below the floor "
                            + s.floor())
                    : null;
        });
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return CScoreMeters.CONSISTENCY.prometheusName() + " < " + s.floor();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "C-Score below " + s.floor() + " for " + CELL;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the C-Score of " + CELL + " is " + VALUE + ", below the floor " + s.floor() + " for "
                + s.floorFor() + " checkpoints: explanations of this class no longer agree.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param floor a class C-Score below this fires
     * @param floorFor checkpoints in a row the score must stay below the floor
     */
    public record Settings(double floor, int floorFor) {

        /** Default floor: far below healthy scores (0.3 to 0.6 on the demo run). */
        public static final double DEFAULT_FLOOR = 0.15;
        /** Default floorFor: two checkpoints, so one noisy checkpoint stays quiet. */
        public static final int DEFAULT_FLOOR_FOR = 2;

        /**
         * Checks the values.
         *
         * @param floor in [0, 1]
         * @param floorFor at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.closed("floor", floor, 0, 1);
            Bounds.atLeast("floorFor", floorFor, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return floor {@value #DEFAULT_FLOOR} for {@value #DEFAULT_FLOOR_FOR} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_FLOOR, DEFAULT_FLOOR_FOR);
        }
    }
}
