package io.github.cscore.score;

/**
 * The sums the pairwise kernel produces over all pairs {@code i < j} of a set of maps.
 *
 * @param weightedSimilarity {@code sum w_ij * s_ij}, with {@code w_ij = p_i * p_j}
 * @param totalWeight {@code sum w_ij}
 * @param flatPairs the number of pairs in which both maps are all zero (scored 0)
 * @param pairs the number of pairs, {@code n (n - 1) / 2}
 */
public record PairSums(double weightedSimilarity, double totalWeight, long flatPairs, long pairs) {

    /** The sums over no pairs at all. */
    public static final PairSums NONE = new PairSums(0, 0, 0, 0);

    /**
     * Checks the sums.
     *
     * @param weightedSimilarity {@code sum w_ij * s_ij}, non-negative
     * @param totalWeight {@code sum w_ij}, non-negative
     * @param flatPairs the number of pairs in which both maps are all zero, in [0, pairs]
     * @param pairs the number of pairs, non-negative
     * @throws IllegalArgumentException if a sum or count is negative or NaN, or more pairs are
     *     flat than there are pairs
     */
    public PairSums {
        if (!(weightedSimilarity >= 0) || !(totalWeight >= 0)) {
            throw new IllegalArgumentException("sums must be non-negative, but were "
                    + weightedSimilarity + " and " + totalWeight);
        }
        if (pairs < 0 || flatPairs < 0 || flatPairs > pairs) {
            throw new IllegalArgumentException(
                    "flatPairs must be in [0, pairs], but was " + flatPairs + " of " + pairs);
        }
    }

    /**
     * The weighted mean similarity, {@code weightedSimilarity / totalWeight}.
     *
     * @return the mean in [0, 1], or NaN when the total weight is zero
     */
    public double weightedMean() {
        return totalWeight > 0 ? Math.min(1, weightedSimilarity / totalWeight) : Double.NaN;
    }

    /** Adds the sums of another, disjoint set of pairs. */
    PairSums plus(PairSums other) {
        return new PairSums(weightedSimilarity + other.weightedSimilarity,
                totalWeight + other.totalWeight, flatPairs + other.flatPairs, pairs + other.pairs);
    }
}
