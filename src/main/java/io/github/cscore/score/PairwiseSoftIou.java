package io.github.cscore.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The pairwise kernel of the C-Score: the confidence-weighted soft IoU summed over every pair of
 * a set of (already emphasised) maps.
 *
 * <p>For maps {@code E_1 .. E_n} and weights {@code p_1 .. p_n} it returns {@code sum_{i<j}
 * p_i p_j s_ij}, {@code sum_{i<j} p_i p_j} and the number of pairs of two all-zero maps, whose
 * similarity is 0. The cost is {@code n (n - 1) / 2} pairs times the pixels per map.
 *
 * <p>How it is fast: each map's sum {@code S_i} is computed once, so a pair needs a single
 * statistic. For {@link SoftIou#MIN_MAX} that is the L1 distance {@code D_ij = sum |E_i - E_j|},
 * because {@code sum min = (S_i + S_j - D_ij) / 2} and {@code sum max = (S_i + S_j + D_ij) / 2};
 * an absolute difference is a sign-bit mask, whereas {@code Math.min} on floats must honour NaN
 * and signed zeros and vectorises poorly (2.4 to 4 times slower in the same layout; see {@code
 * docs/performance.md}). For {@link SoftIou#PRODUCT} it is the dot product. The maps are
 * transposed into blocks of up to 256 lanes (see {@link LaneBlocks}), tiles of 32 maps are
 * compared with one block at a time, lane sums are carried in float over 256 pixels and then in
 * double, and the tiles run on all cores through the common fork-join pool once the work is
 * large enough. Each tile's sums are kept apart and added in tile order, so the result does not
 * depend on thread scheduling.
 *
 * <p>Accuracy: with the min/max form equal maps give exactly 1 ({@code D = 0}) and maps of
 * disjoint support give 0 up to float rounding (below 1e-7 at 224 x 224 pixels, about 3e-9
 * measured); with the product form disjoint maps give exactly 0. Against the pair-by-pair
 * definition in double precision the weighted mean agrees to about 1e-10.
 */
public final class PairwiseSoftIou {

    /** Maps per tile: each tile compares this many maps with one lane block. */
    static final int TILE_ROWS = 32;

    /** Below this many pair-pixels the kernel stays on the calling thread. */
    static final long PARALLEL_WORK = 1L << 22;

    private PairwiseSoftIou() {}

    /**
     * Sums the weighted similarity over every pair {@code i < j} of the maps.
     *
     * @param maps the emphasised maps, all of the same length, values in [0, 1]
     * @param weights one weight per map (the confidences {@code p_i}), finite and non-negative
     * @param similarity the soft-IoU form
     * @return the sums; {@link PairSums#NONE} for fewer than two maps
     * @throws IllegalArgumentException if the maps differ in length, a value is NaN or outside
     *     [0, 1], or the weights do not match the maps
     */
    public static PairSums compute(float[][] maps, float[] weights, SoftIou similarity) {
        return compute(maps, weights, similarity, true);
    }

    /** Sums as {@link #compute(float[][], float[], SoftIou)}, optionally on one thread only. */
    static PairSums compute(float[][] maps, float[] weights, SoftIou similarity, boolean parallel) {
        Objects.requireNonNull(similarity, "similarity");
        validate(maps, weights);
        int n = maps.length;
        if (n < 2) {
            return PairSums.NONE;
        }
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            sums[i] = sum(maps[i]);
        }
        LaneBlocks blocks = new LaneBlocks(maps);
        List<int[]> tiles = tiles(blocks);
        PairSums[] parts = new PairSums[tiles.size()];
        long work = (long) n * (n - 1) / 2 * maps[0].length;
        IntStream indices = IntStream.range(0, parts.length);
        if (parallel && work >= PARALLEL_WORK) {
            indices = indices.parallel();
        }
        indices.forEach(t -> parts[t] = tile(maps, weights, sums, blocks, tiles.get(t), similarity));
        PairSums total = PairSums.NONE;
        for (PairSums part : parts) {
            total = total.plus(part);
        }
        return total;
    }

    /** Tiles as {block, first row, end row}: rows that have at least one later map in the block. */
    private static List<int[]> tiles(LaneBlocks blocks) {
        List<int[]> tiles = new ArrayList<>();
        for (int b = 0; b < blocks.blocks(); b++) {
            int lastRow = blocks.blockEnd(b) - 1;
            for (int i0 = 0; i0 < lastRow; i0 += TILE_ROWS) {
                tiles.add(new int[] {b, i0, Math.min(i0 + TILE_ROWS, lastRow)});
            }
        }
        return tiles;
    }

    private static PairSums tile(float[][] maps, float[] weights, double[] sums,
            LaneBlocks blocks, int[] tile, SoftIou similarity) {
        int b = tile[0];
        int first = tile[1];
        int end = tile[2];
        int start = blocks.blockStart(b);
        int from = Math.max(0, first + 1 - start);
        int to = blocks.blockEnd(b) - start;
        float[][] rows = new float[end - first][];
        System.arraycopy(maps, first, rows, 0, rows.length);
        double[][] stats = blocks.statistics(rows, b, from, to, similarity == SoftIou.MIN_MAX);
        double weighted = 0;
        double total = 0;
        long flat = 0;
        long pairs = 0;
        for (int i = first; i < end; i++) {
            for (int lane = Math.max(from, i + 1 - start); lane < to; lane++) {
                int j = start + lane;
                double w = (double) weights[i] * weights[j];
                double s = similarity.fromSums(sums[i], sums[j], stats[i - first][lane]);
                if (s < 0) {
                    flat++;
                    s = 0;
                }
                weighted += w * s;
                total += w;
                pairs++;
            }
        }
        return new PairSums(weighted, total, flat, pairs);
    }

    private static double sum(float[] map) {
        double total = 0;
        for (float v : map) {
            total += v;
        }
        return total;
    }

    private static void validate(float[][] maps, float[] weights) {
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(weights, "weights");
        if (maps.length != weights.length) {
            throw new IllegalArgumentException("maps and weights must have the same length, but were "
                    + maps.length + " and " + weights.length);
        }
        for (int i = 0; i < maps.length; i++) {
            Objects.requireNonNull(maps[i], "maps[" + i + "]");
            if (maps[i].length != maps[0].length || maps[i].length == 0) {
                throw new IllegalArgumentException("maps must be non-empty and of equal length, but maps[0]"
                        + " has " + maps[0].length + " values and maps[" + i + "] has " + maps[i].length);
            }
            for (int k = 0; k < maps[i].length; k++) {
                float v = maps[i][k];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(
                            "maps[" + i + "][" + k + "] must be in [0, 1], but was " + v);
                }
            }
            if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                throw new IllegalArgumentException(
                        "weights[" + i + "] must be finite and non-negative, but was " + weights[i]);
            }
        }
    }
}
