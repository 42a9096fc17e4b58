package io.github.cscore.result;

/**
 * How one technique's maps of one class moved and how class-specific they are, at one checkpoint:
 * the signals that do not need a gold list, so that they survive a class leaving it. Every value
 * is in [0, 1], NaN where it could not be measured (the first checkpoint, a class without maps).
 *
 * @param driftFromPrevious the mean over the class's sample images of {@code 1 - soft IoU} of an
 *     image's map now and at the previous checkpoint: 0 when no map moved
 * @param driftFromReference the same against the reference checkpoint, the one with the best
 *     sample macro AUC so far (the first to reach it): how far the explanations moved from those of
 *     the model at its best
 * @param crossClassSimilarity the mean soft IoU of this class's maps with the maps of the other
 *     classes' images: near or above the class's own C-Score, the model points at the same place
 *     whatever the class
 */
public record ExplanationSignals(double driftFromPrevious, double driftFromReference, double crossClassSimilarity) {

    /** Nothing measured. */
    public static final ExplanationSignals NONE = new ExplanationSignals(Double.NaN, Double.NaN, Double.NaN);

    /**
     * Checks the values.
     *
     * @param driftFromPrevious in [0, 1] or NaN
     * @param driftFromReference in [0, 1] or NaN
     * @param crossClassSimilarity in [0, 1] or NaN
     * @throws IllegalArgumentException if a value is outside [0, 1]
     */
    public ExplanationSignals {
        check("driftFromPrevious", driftFromPrevious);
        check("driftFromReference", driftFromReference);
        check("crossClassSimilarity", crossClassSimilarity);
    }

    private static void check(String name, double value) {
        // Rounding in the float sums can leave a value a hair outside the interval.
        if (!Double.isNaN(value) && !(value >= -1e-9 && value <= 1 + 1e-9)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] or NaN, but was " + value);
        }
    }
}
