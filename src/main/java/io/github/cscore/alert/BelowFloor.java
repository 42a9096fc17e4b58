package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.List;

/** {@link RuleNames#BELOW_FLOOR}: a class's C-Score below the floor. */
final class BelowFloor implements Detector {

    private final AlertThresholds t;

    BelowFloor(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.BELOW_FLOOR;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return t.floorFor();
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            double score = result.score(cls.index());
            return score < t.floor()
                    ? new Finding(technique.label(), cls.name(), score, t.floor(), technique.displayName()
                            + " C-Score of class " + cls.name() + " is " + Detectors.f(score) + ", below the floor "
                            + t.floor())
                    : null;
        });
    }
}
