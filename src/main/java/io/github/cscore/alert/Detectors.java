package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The built-in detectors, one per in-process rule of {@link RuleNames}, and what they share. */
final class Detectors {

    /** Skip reasons that mean a technique is failing (a degenerate model is a rule of its own). */
    static final Set<SkipReason> FAILURES = Set.of(SkipReason.ERROR, SkipReason.TIMEOUT, SkipReason.CIRCUIT_OPEN);

    private Detectors() {}

    /**
     * The built-in detectors for the given thresholds, in the order of {@link RuleNames#IN_PROCESS}.
     */
    static List<Detector> all(AlertThresholds t) {
        return List.of(new BelowFloor(t), new RelativeDrop(t), new DownTrend(t), new GoldListCollapse(t),
                new AttributionCollapse(t), new ClassMasked(t), new AucDissociation(t), new TechniqueFailing(t),
                new Degenerate());
    }

    /** A condition on one technique and class of the latest checkpoint. */
    interface CellCondition {
        /** The finding for this cell, or null if the condition does not hold. */
        Finding test(Technique technique, ClassMetrics cls, TechniqueResult result);
    }

    /** Applies a condition to every scored technique and every class of the latest checkpoint. */
    static List<Finding> cells(CheckpointResult latest, CellCondition condition) {
        List<Finding> findings = new ArrayList<>();
        for (TechniqueResult technique : latest.techniques().values()) {
            if (!technique.isScored()) {
                continue;
            }
            for (ClassMetrics cls : latest.classes()) {
                Finding finding = condition.test(technique.technique(), cls, technique);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    /** The largest defined value among the window's values; NaN if none is defined. */
    static double maxDefined(double[] values) {
        double max = Double.NaN;
        for (double value : values) {
            if (!Double.isNaN(value) && (Double.isNaN(max) || value > max)) {
                max = value;
            }
        }
        return max;
    }

    /** One technique's C-Score of one class at each checkpoint of a window; NaN where unknown. */
    static double[] scores(List<CheckpointResult> window, Technique technique, int classIndex) {
        double[] values = new double[window.size()];
        for (int i = 0; i < values.length; i++) {
            TechniqueResult result = window.get(i).techniques().get(technique);
            values[i] = result == null || classIndex >= window.get(i).classes().size()
                    ? Double.NaN : result.score(classIndex);
        }
        return values;
    }

    /** The skips of one checkpoint ({@link CheckpointResult#skips()}) that count as failures. */
    static int failures(CheckpointResult result) {
        return (int) result.skips().stream().filter(FAILURES::contains).count();
    }

    /** Two decimals, for messages. */
    static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
