package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;

import java.util.List;

/**
 * {@link RuleNames#DOWN_TREND}: the least-squares slope of a class's C-Score against the epoch,
 * over the last {@code trendWindow} checkpoints (all defined), below {@code -trendSlope} per epoch.
 * Prometheus computes the same slope as {@code deriv(score) / deriv(epoch)}, which equals it when
 * checkpoints are evenly spaced in time.
 */
final class DownTrend implements Detector {

    private final AlertThresholds t;

    DownTrend(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.DOWN_TREND;
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public int forCheckpoints() {
        return 1;
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(t.trendWindow());
        if (window.size() < t.trendWindow()) {
            return List.of();
        }
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            double slope = slope(window, Detectors.scores(window, technique, cls.index()));
            return slope < -t.trendSlope()
                    ? new Finding(technique.label(), cls.name(), slope, -t.trendSlope(), technique.displayName()
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
}
