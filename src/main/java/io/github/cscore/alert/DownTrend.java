package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.CELL;
import static io.github.cscore.alert.AlertTemplates.SLOPE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: the least-squares slope of a class's C-Score against the epoch, over the last
 * {@code trendWindow} checkpoints (all defined), below {@code -trendSlope} per epoch. Prometheus
 * computes the same slope as {@code deriv(score) / deriv(epoch)}, which equals it when checkpoints
 * are evenly spaced in time, and so per epoch whatever the period.
 */
public final class DownTrend implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreDownTrend";

    private static final String SLOPE_PER_EPOCH = "cscore:consistency:slope_per_epoch";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public DownTrend(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static DownTrend ofDefaults() {
        return new DownTrend(Settings.ofDefaults());
    }

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    /** {@inheritDoc} */
    @Override
    public int forCheckpoints() {
        return 1;
    }

    /** {@inheritDoc} */
    @Override
    public int window() {
        return s.trendWindow();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(s.trendWindow());
        if (window.size() < s.trendWindow()) {
            return List.of();
        }
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            double slope = slope(window, Detectors.scores(window, technique, cls.index()));
            return slope < -s.trendSlope()
                    ? new Finding(technique.label(), cls.name(), slope, -s.trendSlope(), technique.displayName()
                            + " C-Score of class " + cls.name() + " falls by " + Detectors.f(-slope)
                            + " per epoch over the last " + window.size() + " checkpoints")
                    : null;
        });
    }

    /** Least-squares slope of the values against the epochs; NaN if a value is undefined. */
    static double slope(List<CheckpointResult> window, double[] values) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < values.length; i++) {
            meanX += window.get(i).epoch();
            meanY += values[i];
        }
        meanX /= values.length;
        meanY /= values.length;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < values.length; i++) {
            double dx = window.get(i).epoch() - meanX;
            covariance += dx * (values[i] - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? Double.NaN : covariance / variance;
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        String range = "[" + context.window(s.trendWindow()) + "]";
        String epoch = CScoreMeters.EPOCH.prometheusName();
        // All trendWindow samples must be there, as the detector needs every checkpoint of its window.
        return List.of(new Recording(SLOPE_PER_EPOCH, "(deriv(" + CScoreMeters.CONSISTENCY.prometheusName() + range
                + ") / ignoring(technique, class) group_left() deriv(" + epoch + range + "))\n"
                + "and ignoring(technique, class) changes(" + epoch + range + ") >= " + (s.trendWindow() - 1)));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return SLOPE_PER_EPOCH + " < " + -s.trendSlope();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "C-Score of " + CELL + " is falling steadily";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the C-Score of " + CELL + " changes by " + SLOPE + " per epoch over the last "
                + s.trendWindow() + " checkpoints.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param trendSlope a least-squares slope per epoch below minus this fires
     * @param trendWindow checkpoints the slope is fitted over (all of them needed)
     */
    public record Settings(double trendSlope, int trendWindow) {

        /** Default trendSlope: C-Score lost per epoch. */
        public static final double DEFAULT_TREND_SLOPE = 0.08;
        /** Default trendWindow: a slope fitted over four checkpoints. */
        public static final int DEFAULT_TREND_WINDOW = 4;

        /**
         * Checks the values.
         *
         * @param trendSlope positive and finite
         * @param trendWindow at least 3
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            if (!(trendSlope > 0) || Double.isInfinite(trendSlope)) {
                throw new IllegalArgumentException("trendSlope must be positive and finite, but was " + trendSlope);
            }
            Bounds.atLeast("trendWindow", trendWindow, 3);
        }

        /**
         * Returns the defaults.
         *
         * @return a slope of minus {@value #DEFAULT_TREND_SLOPE} over {@value #DEFAULT_TREND_WINDOW} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_TREND_SLOPE, DEFAULT_TREND_WINDOW);
        }
    }
}
