package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: the model grows unsure of a class: the mean probability it gives the class on
 * the sample images of that class fell by at least {@code drop} below its maximum over the last
 * {@code window} checkpoints. A model losing a class first loses confidence in it, while it still
 * ranks the images right and the AUC holds.
 */
public final class ConfidenceDrop implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreConfidenceDrop";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public ConfidenceDrop(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static ConfidenceDrop ofDefaults() {
        return new ConfidenceDrop(Settings.ofDefaults());
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

    /** {@inheritDoc} */
    @Override
    public int window() {
        return s.window();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(s.window());
        List<Finding> findings = new ArrayList<>();
        for (ClassMetrics cls : history.latest().classes()) {
            double[] values = new double[window.size()];
            for (int i = 0; i < values.length; i++) {
                List<ClassMetrics> classes = window.get(i).classes();
                values[i] = cls.index() < classes.size() ? classes.get(cls.index()).confidence() : Double.NaN;
            }
            double max = Detectors.maxDefined(values);
            if (cls.confidence() <= max - s.drop()) {
                findings.add(new Finding("", cls.name(), cls.confidence(), max - s.drop(), "the mean confidence in class "
                        + cls.name() + " fell to " + Detectors.f(cls.confidence()) + " from " + Detectors.f(max)
                        + " within " + window.size() + " checkpoints"));
            }
        }
        return findings;
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String confidence = CScoreMeters.CLASS_CONFIDENCE.prometheusName();
        return confidence + " <= max_over_time(" + confidence + "[" + context.window(s.window()) + "]) - " + s.drop();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Confidence in class {{ $labels.class }} fell";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the mean probability of class {{ $labels.class }} on its own sample images fell to "
                + VALUE + ", at least " + s.drop() + " below its maximum over the last " + s.window()
                + " checkpoints: the model is losing the class.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param drop a fall of at least this below the recent maximum fires
     * @param window checkpoints (the latest included) the maximum is taken over
     */
    public record Settings(double drop, int window) {

        /**
         * Default drop: a fall of 0.15 in the mean probability, chosen on the study's calibration
         * runs (docs/experiments.md).
         */
        public static final double DEFAULT_DROP = 0.15;
        /** Default window: the maximum of the last five checkpoints, as the relative drop's. */
        public static final int DEFAULT_WINDOW = 5;

        /**
         * Checks the values.
         *
         * @param drop in (0, 1)
         * @param window at least 2
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("drop", drop);
            Bounds.atLeast("window", window, 2);
        }

        /**
         * Returns the defaults.
         *
         * @return a fall of {@value #DEFAULT_DROP} within {@value #DEFAULT_WINDOW} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_DROP, DEFAULT_WINDOW);
        }
    }
}
