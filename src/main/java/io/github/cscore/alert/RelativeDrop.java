package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.List;

/**
 * {@link RuleNames#RELATIVE_DROP}: a class's C-Score at or below {@code (1 - dropFraction)} times
 * its maximum over the last {@code dropWindow} checkpoints (undefined values left out, as
 * Prometheus' {@code max_over_time} leaves out NaN).
 */
final class RelativeDrop implements Detector {

    private final AlertThresholds t;

    RelativeDrop(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.RELATIVE_DROP;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return 1;
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        var window = history.last(t.dropWindow());
        double keep = 1 - t.dropFraction();
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
}
