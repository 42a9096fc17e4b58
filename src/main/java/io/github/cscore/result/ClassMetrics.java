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
 */
public record ClassMetrics(int index, String name, int sampleSize, int goldSize, double auc) {

    /**
     * Checks the components.
     *
     * @param index the class index (its label)
     * @param name the class name, not null
     * @param sampleSize validation images of this class in the fixed sample
     * @param goldSize images of this class in the gold list, in [0, sampleSize]
     * @param auc one-vs-rest ROC AUC of this class on the sample; NaN if undefined
     * @throws IllegalArgumentException if the gold size is negative or exceeds the sample size
     */
    public ClassMetrics {
        Objects.requireNonNull(name, "name");
        if (goldSize < 0 || goldSize > sampleSize) {
            throw new IllegalArgumentException(
                    "goldSize must be in [0, sampleSize=" + sampleSize + "], but was " + goldSize);
        }
    }
}
