package io.github.cscore.score;

import java.util.Arrays;

/**
 * Maps transposed into blocks of lanes: block {@code b} holds, for every pixel {@code k}, the
 * values of maps {@code b * lanes() ... b * lanes() + lanes() - 1} side by side.
 *
 * <p>Comparing one map with a whole block then becomes loops over lanes with one accumulator per
 * lane (per pair): the lanes are independent, so there is no floating-point dependency chain,
 * and the loops have the shape the JIT compiler turns into SIMD code ({@code acc[lane] += f(x,
 * column[lane])}, every array indexed by the loop variable alone). The same lane row is reused
 * by every map compared with the block, which keeps it in cache.
 */
final class LaneBlocks {

    /** The most maps per block; more lanes mean fewer, longer vector loops. */
    static final int MAX_LANES = 256;

    /** Pixels summed in float before the lane sums are added to double totals. */
    static final int CHUNK = 256;

    private final float[][][] columns;
    private final int lanes;
    private final int mapCount;
    private final int pixels;

    LaneBlocks(float[][] maps) {
        mapCount = maps.length;
        pixels = maps[0].length;
        lanes = Math.min(MAX_LANES, (mapCount + 15) / 16 * 16);
        columns = new float[(mapCount + lanes - 1) / lanes][pixels][];
        for (int b = 0; b < columns.length; b++) {
            for (int k = 0; k < pixels; k++) {
                float[] column = new float[lanes];
                int end = Math.min(lanes, mapCount - b * lanes);
                for (int lane = 0; lane < end; lane++) {
                    column[lane] = maps[b * lanes + lane][k];
                }
                columns[b][k] = column;
            }
        }
    }

    int lanes() {
        return lanes;
    }

    int blocks() {
        return columns.length;
    }

    /** The index of the first map in block {@code b}. */
    int blockStart(int b) {
        return b * lanes;
    }

    /** The index after the last map in block {@code b}. */
    int blockEnd(int b) {
        return Math.min(mapCount, (b + 1) * lanes);
    }

    /**
     * The pair statistic of each of {@code rows} against lanes {@code [from, to)} of block
     * {@code b}: {@code sum |x - y|} when {@code l1} is true, {@code sum x * y} otherwise.
     *
     * @return {@code stats[r][lane]} for row {@code r}; lanes outside {@code [from, to)} are 0
     */
    double[][] statistics(float[][] rows, int b, int from, int to, boolean l1) {
        double[][] stats = new double[rows.length][lanes];
        float[] acc = new float[lanes];
        float[][] block = columns[b];
        for (int k0 = 0; k0 < pixels; k0 += CHUNK) {
            int k1 = Math.min(pixels, k0 + CHUNK);
            for (int r = 0; r < rows.length; r++) {
                Arrays.fill(acc, from, to, 0f);
                if (l1) {
                    addAbsDifferences(acc, rows[r], block, k0, k1, from, to);
                } else {
                    addProducts(acc, rows[r], block, k0, k1, from, to);
                }
                double[] total = stats[r];
                for (int lane = from; lane < to; lane++) {
                    total[lane] += acc[lane];
                }
            }
        }
        return stats;
    }

    private static void addAbsDifferences(
            float[] acc, float[] x, float[][] block, int k0, int k1, int from, int to) {
        int k = k0;
        // Four pixels per pass: one load and store of the accumulator serves four pixels.
        for (; k + 4 <= k1; k += 4) {
            float[] c0 = block[k];
            float[] c1 = block[k + 1];
            float[] c2 = block[k + 2];
            float[] c3 = block[k + 3];
            float x0 = x[k];
            float x1 = x[k + 1];
            float x2 = x[k + 2];
            float x3 = x[k + 3];
            for (int lane = from; lane < to; lane++) {
                acc[lane] += (Math.abs(x0 - c0[lane]) + Math.abs(x1 - c1[lane]))
                        + (Math.abs(x2 - c2[lane]) + Math.abs(x3 - c3[lane]));
            }
        }
        for (; k < k1; k++) {
            float[] c = block[k];
            float xk = x[k];
            for (int lane = from; lane < to; lane++) {
                acc[lane] += Math.abs(xk - c[lane]);
            }
        }
    }

    private static void addProducts(
            float[] acc, float[] x, float[][] block, int k0, int k1, int from, int to) {
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            float[] c0 = block[k];
            float[] c1 = block[k + 1];
            float[] c2 = block[k + 2];
            float[] c3 = block[k + 3];
            float x0 = x[k];
            float x1 = x[k + 1];
            float x2 = x[k + 2];
            float x3 = x[k + 3];
            for (int lane = from; lane < to; lane++) {
                acc[lane] += (x0 * c0[lane] + x1 * c1[lane]) + (x2 * c2[lane] + x3 * c3[lane]);
            }
        }
        for (; k < k1; k++) {
            float[] c = block[k];
            float xk = x[k];
            for (int lane = from; lane < to; lane++) {
                acc[lane] += xk * c[lane];
            }
        }
    }
}
