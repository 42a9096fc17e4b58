package io.github.cscore.score;

import java.util.Objects;

/**
 * Checked predictions of a classifier on a sample: one true label and one row of class
 * probabilities per instance.
 */
final class ProbabilityTable {

    private final int[] labels;
    private final float[][] probabilities;
    private final int numClasses;

    /**
     * Checks the predictions: equal lengths, at least one instance and two classes, rows of equal
     * length, probabilities in [0, 1] (no NaN), labels in range. The arrays are not copied.
     */
    ProbabilityTable(int[] labels, float[][] probabilities) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(probabilities, "probabilities");
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException("labels and probabilities must have the same length,"
                    + " but were " + labels.length + " and " + probabilities.length);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        Objects.requireNonNull(probabilities[0], "probabilities[0]");
        numClasses = probabilities[0].length;
        if (numClasses < 2) {
            throw new IllegalArgumentException(
                    "probabilities must have at least 2 classes, but had " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            checkRow(probabilities, i);
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + numClasses
                        + "), but was " + labels[i]);
            }
        }
        this.labels = labels;
        this.probabilities = probabilities;
    }

    private void checkRow(float[][] rows, int i) {
        float[] row = Objects.requireNonNull(rows[i], "probabilities[" + i + "]");
        if (row.length != numClasses) {
            throw new IllegalArgumentException("probabilities rows must have equal length, but row 0"
                    + " has " + numClasses + " and row " + i + " has " + row.length);
        }
        for (int c = 0; c < numClasses; c++) {
            if (!(row[c] >= 0 && row[c] <= 1)) {
                throw new IllegalArgumentException("probabilities[" + i + "][" + c
                        + "] must be in [0, 1], but was " + row[c]);
            }
        }
    }

    int size() {
        return labels.length;
    }

    int numClasses() {
        return numClasses;
    }

    int label(int i) {
        return labels[i];
    }

    float probability(int i, int classIndex) {
        return probabilities[i][classIndex];
    }

    /** The predicted class of instance {@code i}: the argmax, the lowest index among ties. */
    int predicted(int i) {
        float[] row = probabilities[i];
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Checks that a class index is in range. */
    int checkClass(int classIndex) {
        if (classIndex < 0 || classIndex >= numClasses) {
            throw new IllegalArgumentException("classIndex must be in [0, " + numClasses
                    + "), but was " + classIndex);
        }
        return classIndex;
    }
}
