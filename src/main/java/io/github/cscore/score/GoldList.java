package io.github.cscore.score;

import java.util.Arrays;

/**
 * The gold list of a class: the instances whose explanations the C-Score compares.
 *
 * <p>{@code G_c = { i : y_i = c, argmax p_i = c, p_i(c) >= tau }}: correctly classified
 * instances of class {@code c} whose confidence for {@code c} reaches the threshold. The argmax
 * takes the lowest class index among ties, so with two classes at exactly 0.5 an instance is
 * predicted as class 0.
 */
public final class GoldList {

    private GoldList() {}

    /**
     * Selects the gold list of a class.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance, values in [0, 1]
     * @param classIndex the class
     * @param threshold the confidence tau, in (0, 1]
     * @return the indices of the gold-list instances, ascending
     * @throws IllegalArgumentException if the lengths differ, the rows differ in length, a
     *     probability is NaN or outside [0, 1], a label or the class is out of range, or the
     *     threshold is outside (0, 1]
     */
    public static int[] select(int[] labels, float[][] probabilities, int classIndex, float threshold) {
        ProbabilityTable table = new ProbabilityTable(labels, probabilities);
        table.checkClass(classIndex);
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], but was " + threshold);
        }
        int[] gold = new int[table.size()];
        int count = 0;
        for (int i = 0; i < table.size(); i++) {
            if (table.label(i) == classIndex && table.predicted(i) == classIndex
                    && table.probability(i, classIndex) >= threshold) {
                gold[count++] = i;
            }
        }
        return Arrays.copyOf(gold, count);
    }

    /**
     * Selects the gold list of every class.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance, values in [0, 1]
     * @param threshold the confidence tau, in (0, 1]
     * @return for each class (as many as a row has probabilities), its gold list, ascending
     * @throws IllegalArgumentException as {@link #select}
     */
    public static int[][] selectAll(int[] labels, float[][] probabilities, float threshold) {
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[][] gold = new int[classes][];
        for (int c = 0; c < classes; c++) {
            gold[c] = select(labels, probabilities, c, threshold);
        }
        return gold;
    }
}
