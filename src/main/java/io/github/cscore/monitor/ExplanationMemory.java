package io.github.cscore.monitor;

import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Technique;
import io.github.cscore.score.SampleMaps;
import io.github.cscore.score.SoftIou;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the monitor remembers of earlier checkpoints' maps, per technique: the maps of the previous
 * measured checkpoint and of the reference checkpoint, the first one with the best sample macro
 * AUC so far. From them and the maps of a new checkpoint it measures the explanation signals.
 * Holds {@code 2 x techniques} sets of small maps (the scoring resolution, one per sample image).
 */
final class ExplanationMemory {

    private final SoftIou similarity;
    private final Map<Technique, SampleMaps> previous = new HashMap<>();
    private final Map<Technique, SampleMaps> reference = new HashMap<>();
    private final Map<Technique, SampleMaps> current = new HashMap<>();
    private double referenceAuc = Double.NaN;

    ExplanationMemory(SoftIou similarity) {
        this.similarity = similarity;
    }

    /** The signals of one technique's maps at the checkpoint being scored, per class. */
    List<ExplanationSignals> signals(Technique technique, SampleMaps now, int classes) {
        double[] fromPrevious = driftFrom(previous.get(technique), now, classes);
        double[] fromReference = driftFrom(reference.get(technique), now, classes);
        double[] cross = now.crossClassSimilarity(similarity);
        current.put(technique, now);
        List<ExplanationSignals> signals = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            signals.add(new ExplanationSignals(fromPrevious[c], fromReference[c], cross[c]));
        }
        return signals;
    }

    /**
     * Ends the checkpoint: its maps become the previous ones, and the reference ones if its AUC is
     * the best so far. A technique not measured at this checkpoint keeps its older maps.
     */
    void advance(double macroAuc) {
        previous.putAll(current);
        if (!Double.isNaN(macroAuc) && (Double.isNaN(referenceAuc) || macroAuc > referenceAuc)) {
            reference.putAll(current);
            referenceAuc = macroAuc;
        }
        current.clear();
    }

    /** Drops the maps of a checkpoint that will not be reported. */
    void discard() {
        current.clear();
    }

    private double[] driftFrom(SampleMaps earlier, SampleMaps now, int classes) {
        if (earlier == null) {
            double[] none = new double[classes];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return now.driftFrom(earlier, similarity);
    }
}
