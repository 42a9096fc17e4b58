package io.github.cscore.score;

import java.util.Objects;

/**
 * The C-Score of one class for one technique at one checkpoint, with the figures needed to
 * read it.
 *
 * <p>A score is either defined, a number in [0, 1] with an empty reason, or undefined, NaN with
 * a reason such as {@code "gold list has 3 instances, fewer than minGoldSize 5"}.
 *
 * @param classIndex the class
 * @param score the C-Score in [0, 1], or NaN when undefined
 * @param goldSize the number of instances in the gold list
 * @param flatMaps how many of the gold list's maps are all zero (attribution collapse)
 * @param undefinedReason why the score is undefined; empty (never null) when it is defined
 */
public record ClassScore(
        int classIndex, double score, int goldSize, int flatMaps, String undefinedReason) {

    /**
     * Checks the components; a null reason becomes empty.
     *
     * @param classIndex the class, non-negative
     * @param score the C-Score in [0, 1] when defined, NaN when undefined
     * @param goldSize the number of instances in the gold list, at least 2 for a defined score
     * @param flatMaps how many of the gold list's maps are all zero, in [0, goldSize]
     * @param undefinedReason why the score is undefined; null or empty when it is defined
     * @throws IllegalArgumentException if a count is out of range, a defined score is outside
     *     [0, 1] or has fewer than two instances, or an undefined score is not NaN
     */
    public ClassScore {
        undefinedReason = undefinedReason == null ? "" : undefinedReason;
        if (classIndex < 0) {
            throw new IllegalArgumentException("classIndex must be non-negative, but was " + classIndex);
        }
        if (goldSize < 0 || flatMaps < 0 || flatMaps > goldSize) {
            throw new IllegalArgumentException("flatMaps must be in [0, goldSize], but was "
                    + flatMaps + " with goldSize " + goldSize);
        }
        if (undefinedReason.isEmpty() && !(score >= 0 && score <= 1 && goldSize >= 2)) {
            throw new IllegalArgumentException("a defined score must be in [0, 1] over at least 2"
                    + " instances, but was " + score + " over " + goldSize);
        }
        if (!undefinedReason.isEmpty() && !Double.isNaN(score)) {
            throw new IllegalArgumentException(
                    "an undefined score must be NaN, but was " + score + " (" + undefinedReason + ")");
        }
    }

    /**
     * A defined score.
     *
     * @param classIndex the class
     * @param score the score in [0, 1]
     * @param goldSize the gold-list size, at least 2
     * @param flatMaps the number of all-zero maps
     * @return the class consistency
     */
    public static ClassScore defined(int classIndex, double score, int goldSize, int flatMaps) {
        return new ClassScore(classIndex, score, goldSize, flatMaps, "");
    }

    /**
     * An undefined score (NaN) with its reason.
     *
     * @param classIndex the class
     * @param goldSize the gold-list size
     * @param flatMaps the number of all-zero maps
     * @param reason why the score is undefined, not blank
     * @return the class consistency
     */
    public static ClassScore undefined(int classIndex, int goldSize, int flatMaps, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return new ClassScore(classIndex, Double.NaN, goldSize, flatMaps, reason);
    }

    /**
     * Tells whether the score is defined (a number, not NaN).
     *
     * @return true if the score is in [0, 1] and the undefined reason is empty
     */
    public boolean isDefined() {
        return undefinedReason.isEmpty();
    }
}
