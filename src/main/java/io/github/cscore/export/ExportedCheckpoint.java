package io.github.cscore.export;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Technique;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One checkpoint as the gauges read it: the result, the sanitised class labels, and the classes
 * exported one by one. Swapped whole per checkpoint, so a scrape never mixes two checkpoints.
 *
 * @param result the result, null before the first checkpoint
 * @param classLabels one sanitised, distinct label per class, in class order
 * @param exportedClasses the class indices exported one by one, ascending
 */
record ExportedCheckpoint(CheckpointResult result, List<String> classLabels, List<Integer> exportedClasses) {

    /** Before the first checkpoint: every gauge reads NaN. */
    static final ExportedCheckpoint NONE = new ExportedCheckpoint(null, List.of(), List.of());

    /**
     * Wraps a result, choosing the classes to export one by one: all of them up to {@code
     * maxClasses}; beyond it the worst ones, a class's badness being its lowest C-Score over the
     * scored techniques, with an undefined score (gold list too small) counting as the worst.
     */
    static ExportedCheckpoint of(CheckpointResult result, int maxClasses) {
        List<String> labels = LabelValues.classLabels(result.classNames());
        List<Integer> all = result.classes().stream().map(ClassMetrics::index).toList();
        if (all.size() <= maxClasses) {
            return new ExportedCheckpoint(result, labels, all);
        }
        List<Integer> worst = new ArrayList<>(all);
        worst.sort(Comparator.comparingDouble((Integer c) -> badness(result, c)).thenComparing(c -> c));
        List<Integer> chosen = new ArrayList<>(worst.subList(0, maxClasses));
        chosen.sort(null);
        return new ExportedCheckpoint(result, labels, List.copyOf(chosen));
    }

    /** The lowest C-Score of a class over the scored techniques; -1 when one of them is undefined. */
    private static double badness(CheckpointResult result, int classIndex) {
        double lowest = Double.POSITIVE_INFINITY;
        for (TechniqueResult technique : result.techniques().values()) {
            if (technique.isScored()) {
                double score = technique.score(classIndex);
                lowest = Double.isNaN(score) ? -1 : Math.min(lowest, score);
            }
        }
        return lowest;
    }

    /** The C-Score of a technique and class, NaN when unknown, undefined or skipped. */
    double score(Technique technique, int classIndex) {
        TechniqueResult t = technique(technique);
        return t == null ? Double.NaN : t.score(classIndex);
    }

    /** Drift of a technique's maps of a class from the previous or the best checkpoint; NaN when unknown. */
    double drift(Technique technique, int classIndex, boolean fromPrevious) {
        TechniqueResult t = technique(technique);
        if (t == null) {
            return Double.NaN;
        }
        ExplanationSignals signals = t.signals(classIndex);
        return fromPrevious ? signals.driftFromPrevious() : signals.driftFromReference();
    }

    /** Cross-class similarity of a technique's maps of a class; NaN when unknown. */
    double crossClass(Technique technique, int classIndex) {
        TechniqueResult t = technique(technique);
        return t == null ? Double.NaN : t.signals(classIndex).crossClassSimilarity();
    }

    /** Mean confidence of a class on its own sample images; NaN when unknown. */
    double confidence(int classIndex) {
        return result == null ? Double.NaN : result.classes().get(classIndex).confidence();
    }

    /** Flat maps of a technique and class; NaN when the technique was not scored. */
    double flatMaps(Technique technique, int classIndex) {
        TechniqueResult t = technique(technique);
        return t == null || !t.isScored() ? Double.NaN : t.flatMaps(classIndex);
    }

    /** A global aggregate of a technique, NaN when unknown. */
    double global(Technique technique, Aggregation aggregation) {
        TechniqueResult t = technique(technique);
        return t == null ? Double.NaN : aggregation.of(t.global());
    }

    /** Gold-list size of a class, NaN before the first checkpoint. */
    double goldSize(int classIndex) {
        return result == null ? Double.NaN : result.classes().get(classIndex).goldSize();
    }

    /** AUC of a class, NaN when undefined. */
    double auc(int classIndex) {
        return result == null ? Double.NaN : result.classes().get(classIndex).auc();
    }

    private TechniqueResult technique(Technique technique) {
        return result == null ? null : result.techniques().get(technique);
    }
}
