package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.CELL;
import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a class's C-Score at or below {@code (1 - dropFraction)} times its maximum over
 * the last {@code dropWindow} checkpoints (undefined values left out, as Prometheus'
 * {@code max_over_time} leaves out NaN).
 */
public final class RelativeDrop implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreRelativeDrop";

    private static final String RECENT_MAX = "cscore:consistency:recent_max";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public RelativeDrop(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static RelativeDrop ofDefaults() {
        return new RelativeDrop(Settings.ofDefaults());
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

    /**
     * {@inheritDoc}
     *
     * @return 2: the dip of the first fine-tuning checkpoint, which recovers at the next, stays
     *     quiet
     */
    @Override
    public int forCheckpoints() {
        return 2;
    }

    /** {@inheritDoc} */
    @Override
    public int window() {
        return s.dropWindow();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        var window = history.last(s.dropWindow());
        double keep = 1 - s.dropFraction();
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            double score = result.score(cls.index());
            double max = Detectors.maxDefined(Detectors.scores(window, technique, cls.index()));
            return score <= keep * max
                    ? new Finding(technique.label(), cls.name(), score, keep * max, technique.displayName()
                            + " C-Score of class " + cls.name() + " fell to " + Detectors.f(score) + " from "
                            + Detectors.f(max) + " within " + window.size() + " checkpoints")
                    : null;
        });
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        return List.of(new Recording(RECENT_MAX, "max_over_time(" + CScoreMeters.CONSISTENCY.prometheusName() + "["
                + context.window(s.dropWindow()) + "])"));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return CScoreMeters.CONSISTENCY.prometheusName() + " <= " + (1 - s.dropFraction()) + " * " + RECENT_MAX;
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "C-Score of " + CELL + " fell sharply";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the C-Score of " + CELL + " fell to " + VALUE + ", at most " + (1 - s.dropFraction())
                + " of its maximum over the last " + s.dropWindow() + " checkpoints. Compare with AUC on the dashboard.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param dropFraction a fall by at least this fraction of the maximum over the window fires
     * @param dropWindow checkpoints (the latest included) the maximum is taken over
     */
    public record Settings(double dropFraction, int dropWindow) {

        /** Default dropFraction: the score must halve. */
        public static final double DEFAULT_DROP_FRACTION = 0.5;
        /** Default dropWindow: the maximum of the last five checkpoints. */
        public static final int DEFAULT_DROP_WINDOW = 5;

        /**
         * Checks the values.
         *
         * @param dropFraction in (0, 1)
         * @param dropWindow at least 2
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("dropFraction", dropFraction);
            Bounds.atLeast("dropWindow", dropWindow, 2);
        }

        /**
         * Returns the defaults.
         *
         * @return a fall of {@value #DEFAULT_DROP_FRACTION} within {@value #DEFAULT_DROP_WINDOW} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_DROP_FRACTION, DEFAULT_DROP_WINDOW);
        }
    }
}
