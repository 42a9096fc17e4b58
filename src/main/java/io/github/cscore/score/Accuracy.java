package io.github.cscore.score;

/** Classification accuracy: the share of instances whose predicted class is the true one. */
public final class Accuracy {

    private Accuracy() {}

    /**
     * The accuracy of predictions, the predicted class being the argmax (lowest index among ties).
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException on invalid input, as {@link GoldList#select}
     */
    public static double of(int[] labels, float[][] probabilities) {
        return of(new ProbabilityTable(labels, probabilities));
    }

    static double of(ProbabilityTable table) {
        int correct = 0;
        for (int i = 0; i < table.size(); i++) {
            if (table.predicted(i) == table.label(i)) {
                correct++;
            }
        }
        return (double) correct / table.size();
    }
}
