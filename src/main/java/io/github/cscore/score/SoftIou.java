package io.github.cscore.score;

import java.util.Objects;

/**
 * The soft intersection-over-union used to compare two non-negative maps of the same size.
 *
 * <p>Both forms are 0 for maps with disjoint support and, by convention, 0 when both maps are
 * all zero (flat), so that a collapsed explanation lowers the consistency instead of counting as
 * a perfect match.
 */
public enum SoftIou {

    /**
     * The weighted Jaccard (Ruzicka) form, {@code sum min(a, b) / sum max(a, b)}: 1 exactly when
     * the maps are equal. The default.
     */
    MIN_MAX,

    /**
     * The probabilistic form, {@code sum(a * b) / sum(a + b - a * b)}: 1 only for equal binary
     * maps, lower for soft maps.
     */
    PRODUCT;

    /**
     * The similarity of two maps, computed directly pixel by pixel in double precision.
     *
     * <p>This is the reference definition; {@link PairwiseSoftIou} computes the same value for
     * every pair of a set of maps much faster.
     *
     * @param a a map with values in [0, 1]
     * @param b a map of the same length with values in [0, 1]
     * @return the similarity in [0, 1]; 0 when both maps are all zero
     * @throws IllegalArgumentException if the lengths differ or a value is NaN or outside [0, 1]
     */
    public double of(float[] a, float[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "maps must have the same length, but were " + a.length + " and " + b.length);
        }
        double intersection = 0;
        double union = 0;
        for (int k = 0; k < a.length; k++) {
            double x = checked(a[k], "a", k);
            double y = checked(b[k], "b", k);
            intersection += this == MIN_MAX ? Math.min(x, y) : x * y;
            union += this == MIN_MAX ? Math.max(x, y) : x + y - x * y;
        }
        return union > 0 ? intersection / union : 0;
    }

    /**
     * The similarity from the two map sums and the pair statistic the kernel accumulates: the L1
     * distance {@code sum |a - b|} for {@link #MIN_MAX}, the dot product for {@link #PRODUCT}.
     * Returns a negative value when the union is zero (both maps flat).
     */
    double fromSums(double sumA, double sumB, double pairStatistic) {
        double intersection;
        double union;
        if (this == MIN_MAX) {
            // min(a, b) = (a + b - |a - b|) / 2 and max(a, b) = (a + b + |a - b|) / 2; the halves cancel.
            intersection = sumA + sumB - pairStatistic;
            union = sumA + sumB + pairStatistic;
        } else {
            intersection = pairStatistic;
            union = sumA + sumB - pairStatistic;
        }
        if (union <= 0) {
            return -1;
        }
        // Rounding in the float pixel sums can push a disjoint pair a hair below 0.
        return Math.min(1, Math.max(0, intersection / union));
    }

    private static double checked(float value, String name, int index) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    name + "[" + index + "] must be in [0, 1], but was " + value);
        }
        return value;
    }
}
