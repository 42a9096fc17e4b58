package io.github.cscore.study;

/**
 * What counts as an AUC drop and as a C-Score drop, fixed before any run is analysed.
 *
 * <p>An <b>AUC drop</b> is the first checkpoint whose macro AUC is below the running maximum of
 * the macro AUC (over this and all earlier checkpoints) minus {@code aucMargin}; a checkpoint
 * whose AUC is undefined (a degenerate model) counts as a drop once a defined AUC has been seen.
 * A <b>C-Score drop</b> of a technique is the first checkpoint whose macro C-Score is below its
 * running maximum minus {@code scoreMargin}, or undefined (every gold list too small) after a
 * defined value: a gold list that empties is the strongest drop there is.
 *
 * @param aucMargin how far below its running maximum the macro AUC must fall, in (0, 1)
 * @param scoreMargin how far below its running maximum a technique's macro C-Score must fall,
 *     in (0, 1)
 */
public record WarningCriteria(double aucMargin, double scoreMargin) {

    /** Default AUC margin: 0.05, the definition. */
    public static final double DEFAULT_AUC_MARGIN = 0.05;
    /** Default C-Score margin: 0.1, above the 0.07 a healthy demo run moves between checkpoints. */
    public static final double DEFAULT_SCORE_MARGIN = 0.1;

    /**
     * Checks the margins.
     *
     * @param aucMargin the AUC margin, in (0, 1)
     * @param scoreMargin the C-Score margin, in (0, 1)
     */
    public WarningCriteria {
        if (!(aucMargin > 0 && aucMargin < 1)) {
            throw new IllegalArgumentException("aucMargin must be in (0, 1), but was " + aucMargin);
        }
        if (!(scoreMargin > 0 && scoreMargin < 1)) {
            throw new IllegalArgumentException("scoreMargin must be in (0, 1), but was " + scoreMargin);
        }
    }

    /**
     * Returns the default criteria.
     *
     * @return AUC margin {@value #DEFAULT_AUC_MARGIN}, C-Score margin {@value #DEFAULT_SCORE_MARGIN}
     */
    public static WarningCriteria ofDefaults() {
        return new WarningCriteria(DEFAULT_AUC_MARGIN, DEFAULT_SCORE_MARGIN);
    }
}
