package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RuleNames#GOLD_LIST_COLLAPSE}: a class's gold list below {@code goldMinimum} (its C-Score
 * undefined) while the macro AUC is at least {@code goldAuc}: the model ranks well but is no
 * longer confidently right, the paper's threshold-mediated collapse. A low AUC with small gold
 * lists is an untrained model, not a collapse, and stays quiet.
 */
final class GoldListCollapse implements Detector {

    private final AlertThresholds t;

    GoldListCollapse(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.GOLD_LIST_COLLAPSE;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return t.goldFor();
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        List<Finding> findings = new ArrayList<>();
        if (!(latest.macroAuc() >= t.goldAuc())) {
            return findings;
        }
        for (ClassMetrics cls : latest.classes()) {
            if (cls.goldSize() < t.goldMinimum()) {
                findings.add(new Finding("", cls.name(), cls.goldSize(), t.goldMinimum(), "gold list of class "
                        + cls.name() + " holds " + cls.goldSize() + " of " + cls.sampleSize()
                        + " images (fewer than " + t.goldMinimum() + ") while the macro AUC is "
                        + Detectors.f(latest.macroAuc())));
            }
        }
        return findings;
    }
}
