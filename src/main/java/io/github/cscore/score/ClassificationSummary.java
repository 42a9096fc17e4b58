package io.github.cscore.score;

import java.util.Arrays;
import java.util.Objects;

/**
 * How well a classifier ranks and classifies a sample: accuracy, one-vs-rest AUC per class and
 * macro AUC.
 *
 * @param accuracy the share of instances whose argmax is the true class
 * @param aucPerClass the one-vs-rest AUC of each class, NaN for a class without positive or
 *     without negative instances (a copy is kept and returned)
 * @param macroAuc the mean AUC over the classes where it is defined, NaN if none
 */
public record ClassificationSummary(double accuracy, double[] aucPerClass, double macroAuc) {

    /**
     * Copies the per-class AUCs.
     *
     * @param accuracy the share of instances whose argmax is the true class
     * @param aucPerClass the one-vs-rest AUC of each class, NaN where undefined; not null, copied
     * @param macroAuc the mean AUC over the classes where it is defined, NaN if none
     */
    public ClassificationSummary {
        aucPerClass = Objects.requireNonNull(aucPerClass, "aucPerClass").clone();
    }

    /**
     * Summarises predictions.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @return accuracy, AUC per class and macro AUC
     * @throws IllegalArgumentException on invalid input, as {@link GoldList#select}
     */
    public static ClassificationSummary of(int[] labels, float[][] probabilities) {
        ProbabilityTable table = new ProbabilityTable(labels, probabilities);
        double[] auc = Auc.perClass(table);
        return new ClassificationSummary(Accuracy.of(table), auc, Auc.macro(auc));
    }

    /**
     * The one-vs-rest AUC of each class (a copy).
     *
     * @return a new array with one AUC per class, NaN where undefined
     */
    @Override
    public double[] aucPerClass() {
        return aucPerClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationSummary other
                && Double.compare(accuracy, other.accuracy) == 0
                && Arrays.equals(aucPerClass, other.aucPerClass)
                && Double.compare(macroAuc, other.macroAuc) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(accuracy, Arrays.hashCode(aucPerClass), macroAuc);
    }

    @Override
    public String toString() {
        return "ClassificationSummary[accuracy=" + accuracy + ", aucPerClass="
                + Arrays.toString(aucPerClass) + ", macroAuc=" + macroAuc + "]";
    }
}
