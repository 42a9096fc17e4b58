package io.github.cscore.alert;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

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

    /**
     * The classes whose maps drifted by at least {@code threshold} in at least {@code minTechniques}
     * techniques of the latest checkpoint, one finding each: the count of drifting techniques
     * against {@code minTechniques}, the message naming the largest drift and {@code since}, what
     * the drift is measured from ("since the previous checkpoint").
     */
    static List<Finding> drifting(CheckpointResult latest, ToDoubleFunction<ExplanationSignals> drift,
            double threshold, int minTechniques, String since) {
        List<Finding> findings = new ArrayList<>();
        for (ClassMetrics cls : latest.classes()) {
            int drifting = 0;
            double largest = 0;
            for (TechniqueResult technique : latest.techniques().values()) {
                double value = drift.applyAsDouble(technique.signals(cls.index()));
                if (value >= threshold) {
                    drifting++;
                    largest = Math.max(largest, value);
                }
            }
            if (drifting >= minTechniques) {
                findings.add(new Finding("", cls.name(), drifting, minTechniques, "the maps of class " + cls.name()
                        + " moved by " + f(largest) + " or more in " + drifting + " techniques " + since
                        + " (at least " + f(threshold) + " in " + minTechniques + " fires)"));
            }
        }
        return findings;
    }

    /**
     * The PromQL of {@link #drifting}: the techniques whose drift from {@code reference} reached
     * the threshold, counted per run, model and class (job and instance kept, as the other rules
     * keep them).
     */
    static String driftingExpression(String reference, double threshold, int minTechniques) {
        return "count without(" + CScoreMeters.TECHNIQUE + ", " + CScoreMeters.REFERENCE + ") ("
                + CScoreMeters.EXPLANATION_DRIFT.prometheusName() + "{" + CScoreMeters.REFERENCE + "=\""
                + reference + "\"} >= " + threshold + ") >= " + minTechniques;
    }

    /** Two decimals, for messages. */
    static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
