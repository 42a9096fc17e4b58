package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RuleNames#AUC_DISSOCIATION}: a technique's macro C-Score at or below {@code (1 -
 * dissociationDrop)} times its maximum over the last {@code dissociationWindow} checkpoints, while
 * the macro AUC is at least its own maximum over that window minus {@code aucTolerance}: the
 * explanations fall apart while the AUC says all is well, the paper's early warning.
 */
final class AucDissociation implements Detector {

    private final AlertThresholds t;

    AucDissociation(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.AUC_DISSOCIATION;
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public int forCheckpoints() {
        return 1;
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(t.dissociationWindow());
        CheckpointResult latest = history.latest();
        double aucMax = Detectors.maxDefined(window.stream().mapToDouble(CheckpointResult::macroAuc).toArray());
        List<Finding> findings = new ArrayList<>();
        if (!(latest.macroAuc() >= aucMax - t.aucTolerance())) {
            return findings;
        }
        double keep = 1 - t.dissociationDrop();
        for (TechniqueResult technique : latest.techniques().values()) {
            double macro = technique.global().macro();
            double max = Detectors.maxDefined(macros(window, technique.technique()));
            if (macro <= keep * max) {
                findings.add(new Finding(technique.technique().label(), "", macro, keep * max,
                        technique.technique().displayName() + " macro C-Score fell to " + Detectors.f(macro) + " from "
                                + Detectors.f(max) + " while the macro AUC holds at " + Detectors.f(latest.macroAuc())));
            }
        }
        return findings;
    }

    private static double[] macros(List<CheckpointResult> window, Technique technique) {
        return window.stream()
                .mapToDouble(r -> r.techniques().containsKey(technique)
                        ? r.techniques().get(technique).global().macro() : Double.NaN)
                .toArray();
    }
}
