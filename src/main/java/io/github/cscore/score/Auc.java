package io.github.cscore.score;

import java.util.Arrays;
import java.util.Objects;

/**
 * The area under the ROC curve, one class against the rest, from predicted probabilities.
 *
 * <p>Computed as the Mann-Whitney statistic: the share of (positive, negative) pairs in which the
 * positive instance has the higher score, a tie counting half. Sorting makes it
 * {@code O(n log n)}. With no positive or no negative instance the AUC is undefined (NaN).
 */
public final class Auc {

    private Auc() {}

    /**
     * The AUC of scores against binary labels.
     *
     * @param scores one score per instance, not NaN
     * @param positive whether each instance is positive
     * @return the AUC in [0, 1], or NaN without positives or without negatives
     * @throws IllegalArgumentException if the lengths differ or a score is NaN
     */
    public static double ofScores(float[] scores, boolean[] positive) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(positive, "positive");
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and positive must have the same length, but were "
                    + scores.length + " and " + positive.length);
        }
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must not be NaN");
            }
            positives += positive[i] ? 1 : 0;
        }
        float[] pos = new float[positives];
        float[] neg = new float[scores.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        return mannWhitney(pos, neg);
    }

    /** Counts, over sorted copies, negatives below each positive (twice) plus ties (once). */
    private static double mannWhitney(float[] pos, float[] neg) {
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceU = 0;
        int below = 0;
        int notAbove = 0;
        for (float score : pos) {
            while (below < neg.length && neg[below] < score) {
                below++;
            }
            notAbove = Math.max(notAbove, below);
            while (notAbove < neg.length && neg[notAbove] <= score) {
                notAbove++;
            }
            twiceU += (long) below + notAbove;
        }
        return twiceU / (2.0 * pos.length * neg.length);
    }

    /**
     * The AUC of one class against the rest, scored by its predicted probability.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @param classIndex the class
     * @return the AUC, or NaN when the class has no positive or no negative instance
     * @throws IllegalArgumentException on invalid input, as {@link GoldList#select}
     */
    public static double oneVsRest(int[] labels, float[][] probabilities, int classIndex) {
        return oneVsRest(new ProbabilityTable(labels, probabilities), classIndex);
    }

    /**
     * The one-vs-rest AUC of every class.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @return one AUC per class, NaN where undefined
     * @throws IllegalArgumentException on invalid input, as {@link GoldList#select}
     */
    public static double[] perClass(int[] labels, float[][] probabilities) {
        return perClass(new ProbabilityTable(labels, probabilities));
    }

    static double[] perClass(ProbabilityTable table) {
        double[] auc = new double[table.numClasses()];
        for (int c = 0; c < auc.length; c++) {
            auc[c] = oneVsRest(table, c);
        }
        return auc;
    }

    /**
     * The macro AUC: the mean over the classes whose AUC is defined.
     *
     * @param aucPerClass one AUC per class, NaN where undefined
     * @return the mean, or NaN when no class has a defined AUC
     */
    public static double macro(double[] aucPerClass) {
        Objects.requireNonNull(aucPerClass, "aucPerClass");
        double sum = 0;
        int defined = 0;
        for (double auc : aucPerClass) {
            if (!Double.isNaN(auc)) {
                sum += auc;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    private static double oneVsRest(ProbabilityTable table, int classIndex) {
        table.checkClass(classIndex);
        float[] scores = new float[table.size()];
        boolean[] positive = new boolean[table.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = table.probability(i, classIndex);
            positive[i] = table.label(i) == classIndex;
        }
        return ofScores(scores, positive);
    }
}
