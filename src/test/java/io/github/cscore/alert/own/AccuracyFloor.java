package io.github.cscore.alert.own;

import io.github.cscore.alert.AlertRule;
import io.github.cscore.alert.AlertTemplates;
import io.github.cscore.alert.CheckpointHistory;
import io.github.cscore.alert.Detector;
import io.github.cscore.alert.Finding;
import io.github.cscore.alert.PrometheusContext;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A rule of one's own, written as a user would add a twelfth rule: this one file, in a package of
 * its own so that it can use only the public API, with no change anywhere else. It fires when the
 * accuracy on the monitor's sample stays below a floor.
 */
public final class AccuracyFloor implements AlertRule, Detector {

    /** The rule name, defined once, here. */
    public static final String NAME = "CScoreAccuracyFloor";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public AccuracyFloor(Settings settings) {
        this.s = settings;
    }

    @Override
    public String rule() {
        return NAME;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return s.floorFor();
    }

    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        return latest.accuracy() < s.floor()
                ? List.of(new Finding("", "", latest.accuracy(), s.floor(), String.format(Locale.ROOT,
                        "accuracy on the sample is %.2f, below %s", latest.accuracy(), s.floor())))
                : List.of();
    }

    @Override
    public String expression(PrometheusContext context) {
        return CScoreMeters.VALIDATION_ACCURACY.prometheusName() + " < " + s.floor();
    }

    @Override
    public String summary() {
        return "Accuracy below " + s.floor() + " in " + AlertTemplates.WHO;
    }

    @Override
    public String description() {
        return "In " + AlertTemplates.WHO + " the accuracy on the monitor's sample is " + AlertTemplates.VALUE
                + ", below " + s.floor() + " for " + s.floorFor() + " checkpoints.";
    }

    /**
     * The thresholds of the rule.
     *
     * @param floor an accuracy below this fires
     * @param floorFor checkpoints in a row
     */
    public record Settings(double floor, int floorFor) {

        /**
         * Checks the values.
         *
         * @param floor in [0, 1]
         * @param floorFor at least 1
         */
        public Settings {
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException("floor must be in [0, 1], but was " + floor);
            }
            if (floorFor < 1) {
                throw new IllegalArgumentException("floorFor must be at least 1, but was " + floorFor);
            }
        }
    }
}
