package io.github.cscore.result;

import java.util.Objects;

/**
 * What a checkpoint measured for one class, whatever the technique.
 *
 * @param index the class index (its label)
 * @param name the class name
 * @param sampleSize validation images of this class in the fixed sample
 * @param goldSize images of this class classified correctly with confidence at least the gold
 *     threshold: the gold list every technique explains
 * @param auc one-vs-rest ROC AUC of this class on the sample; NaN if undefined
 * @param confidence the mean probability the model gives this class on the sample images of this
 *     class; NaN if unknown. It falls when a model grows unsure of a class before its ranking
 *     (the AUC) suffers
 */
public record ClassMetrics(int index, String name, int sampleSize, int goldSize, double auc, double confidence) {

    /**
     * Checks the components.
     *
     * @param index the class index (its label)
     * @param name the class name, not null
     * @param sampleSize validation images of this class in the fixed sample
     * @param goldSize images of this class in the gold list, in [0, sampleSize]
     * @param auc one-vs-rest ROC AUC of this class on the sample; NaN if undefined
     * @param confidence the mean probability of this class on its own sample images, in [0, 1];
     *     NaN if unknown
     * @throws IllegalArgumentException if the gold size is negative or exceeds the sample size, or
     *     the confidence is outside [0, 1]
     */
    public ClassMetrics {
        Objects.requireNonNull(name, "name");
        if (goldSize < 0 || goldSize > sampleSize) {
            throw new IllegalArgumentException(
                    "goldSize must be in [0, sampleSize=" + sampleSize + "], but was " + goldSize);
        }
        if (!Double.isNaN(confidence) && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] or NaN, but was " + confidence);
        }
    }

    /**
     * Metrics whose mean confidence is unknown.
     *
     * @param index the class index (its label)
     * @param name the class name, not null
     * @param sampleSize validation images of this class in the fixed sample
     * @param goldSize images of this class in the gold list, in [0, sampleSize]
     * @param auc one-vs-rest ROC AUC of this class on the sample; NaN if undefined
     */
    public ClassMetrics(int index, String name, int sampleSize, int goldSize, double auc) {
        this(index, name, sampleSize, goldSize, auc, Double.NaN);
    }
}
