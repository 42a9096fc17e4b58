package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the built-in detectors share: walking the cells of a checkpoint, windows of scores, messages. */
final class Detectors {

    private Detectors() {}

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

    /** Two decimals, for messages. */
    static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
