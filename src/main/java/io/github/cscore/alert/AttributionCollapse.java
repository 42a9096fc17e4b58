package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.List;

/**
 * {@link RuleNames#ATTRIBUTION_COLLAPSE}: at least {@code flatShare} of a class's gold-list maps
 * are flat (no spatial evidence at all), over a gold list of at least {@code goldMinimum}.
 */
final class AttributionCollapse implements Detector {

    private final AlertThresholds t;

    AttributionCollapse(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.ATTRIBUTION_COLLAPSE;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return t.flatFor();
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            int gold = cls.goldSize();
            double share = gold == 0 ? Double.NaN : (double) result.flatMaps(cls.index()) / gold;
            return gold >= t.goldMinimum() && share >= t.flatShare()
                    ? new Finding(technique.label(), cls.name(), share, t.flatShare(), technique.displayName()
                            + " maps of class " + cls.name() + " are flat for " + result.flatMaps(cls.index())
                            + " of " + gold + " gold images (" + Detectors.f(share) + ")")
                    : null;
        });
    }
}
