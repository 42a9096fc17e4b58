package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.GlobalScore;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RuleNames#CLASS_MASKED}: a technique's macro C-Score at least {@code maskedMacro} while
 * its worst class is below {@code maskedWorst}, the paper's class-level collapse hidden by global
 * aggregation. The alert names the worst class.
 */
final class ClassMasked implements Detector {

    private final AlertThresholds t;

    ClassMasked(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.CLASS_MASKED;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return t.maskedFor();
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        List<Finding> findings = new ArrayList<>();
        for (TechniqueResult technique : latest.techniques().values()) {
            GlobalScore global = technique.global();
            if (technique.isScored() && global.macro() >= t.maskedMacro() && global.worst() < t.maskedWorst()) {
                String worst = latest.classes().get(global.worstClass()).name();
                findings.add(new Finding(technique.technique().label(), worst, global.worst(), t.maskedWorst(),
                        technique.technique().displayName() + " macro C-Score " + Detectors.f(global.macro())
                                + " hides class " + worst + " at " + Detectors.f(global.worst())));
            }
        }
        return findings;
    }
}
