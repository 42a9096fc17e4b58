package io.github.cscore.testing;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Phase;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/** Checkpoint results written by hand, for tests of sinks. */
public final class Results {

    private final List<String> classes;
    private final int[] gold;
    private final double[] auc;
    private final Map<Technique, TechniqueResult> techniques = new TreeMap<>();
    private double[] confidence;
    private int epoch = 3;
    private Phase phase = Phase.FINETUNE;
    private Instant finishedAt = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);

    private Results(List<String> classes, int[] gold, double[] auc) {
        this.classes = classes;
        this.gold = gold;
        this.auc = auc;
    }

    /**
     * Starts a result.
     *
     * @param classes the class names
     * @param gold gold-list size per class (sample size 16 each)
     * @param auc AUC per class
     * @return the builder
     */
    public static Results classes(List<String> classes, int[] gold, double[] auc) {
        return new Results(classes, gold, auc);
    }

    /**
     * Adds a scored technique; NaN scores are undefined.
     *
     * @param technique the technique
     * @param scores one score per class
     * @param flat flat maps per class
     * @return this
     */
    public Results scored(Technique technique, double[] scores, int[] flat) {
        List<ClassScore> list = new ArrayList<>();
        for (int c = 0; c < scores.length; c++) {
            list.add(Double.isNaN(scores[c])
                    ? ClassScore.undefined(c, gold[c], flat[c], "gold list too small")
                    : ClassScore.defined(c, scores[c], gold[c], flat[c]));
        }
        techniques.put(technique, TechniqueResult.scored(technique, list, 0.125));
        return this;
    }

    /**
     * Adds a skipped technique.
     *
     * @param technique the technique
     * @param reason why
     * @return this
     */
    public Results skipped(Technique technique, SkipReason reason) {
        techniques.put(technique, TechniqueResult.skipped(technique, reason, "test", 0.5));
        return this;
    }

    /**
     * Sets the time a technique took at this checkpoint; the technique must have been added.
     *
     * @param technique the technique
     * @param value its seconds
     * @return this
     */
    public Results seconds(Technique technique, double value) {
        TechniqueResult added = techniques.get(technique);
        techniques.put(technique, new TechniqueResult(technique, added.skipReason(), added.detail(), added.classes(),
                added.global(), value, added.signals()));
        return this;
    }

    /**
     * Sets the mean confidence of each class on its own sample images (NaN unknown, the default).
     *
     * @param perClass one value per class
     * @return this
     */
    public Results confidence(double... perClass) {
        this.confidence = perClass.clone();
        return this;
    }

    /**
     * Sets the drift of a technique's maps from the previous checkpoint, per class; the technique
     * must have been added.
     *
     * @param technique the technique
     * @param fromPrevious one drift per class, NaN unknown
     * @return this
     */
    public Results drift(Technique technique, double... fromPrevious) {
        List<ExplanationSignals> signals = new ArrayList<>();
        for (double drift : fromPrevious) {
            signals.add(new ExplanationSignals(drift, Double.NaN, Double.NaN));
        }
        techniques.put(technique, techniques.get(technique).withSignals(signals));
        return this;
    }

    /**
     * Sets every explanation signal of a technique's maps, per class; the technique must have been
     * added.
     *
     * @param technique the technique
     * @param perClass one set of signals per class
     * @return this
     */
    public Results signals(Technique technique, ExplanationSignals... perClass) {
        techniques.put(technique, techniques.get(technique).withSignals(List.of(perClass)));
        return this;
    }

    /**
     * Sets the epoch.
     *
     * @param value the epoch
     * @return this
     */
    public Results epoch(int value) {
        this.epoch = value;
        return this;
    }

    /**
     * Sets the phase.
     *
     * @param value the phase
     * @return this
     */
    public Results phase(Phase value) {
        this.phase = value;
        return this;
    }

    /**
     * Builds the result: accuracy 0.875, macro AUC the mean of the class AUCs.
     *
     * @param run the run name
     * @return the result
     */
    public CheckpointResult build(String run) {
        List<ClassMetrics> metrics = new ArrayList<>();
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            metrics.add(new ClassMetrics(c, classes.get(c), 16, gold[c], auc[c],
                    confidence == null ? Double.NaN : confidence[c]));
            sum += auc[c];
        }
        return CheckpointResult.scored(new CheckpointResult.Identity(run, "resnet50v2", epoch, phase),
                new CheckpointResult.Timing(finishedAt, 2.0, 0.5), 0.875, sum / classes.size(), metrics, techniques,
                false);
    }
}
