package io.github.cscore.score;

import java.util.Arrays;

/**
 * Maps transposed into blocks of lanes: block {@code b} holds, for every pixel {@code k}, the
 * values of maps {@code b * lanes() ... b * lanes() + lanes() - 1} side by side.
 *
 * <p>Comparing one map with a whole block then becomes loops over lanes with one accumulator per
 * lane (per pair): the lanes are independent, so there is no floating-point dependency chain,
 * and the loops have the shape the JIT compiler turns into SIMD code ({@code acc[lane] += f(x,
 * column[lane])}, every array indexed by the loop variable alone; arrays indexed with an offset
 * may alias, and then the JIT compiler does not vectorise). The same lane row is reused by every
 * map compared with the block, which keeps it in cache.
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
        float[][] acc = new float[rows.length][lanes];
        for (int k0 = 0; k0 < pixels; k0 += CHUNK) {
            for (float[] a : acc) {
                Arrays.fill(a, from, to, 0f);
            }
            accumulate(acc, rows, columns[b], k0, Math.min(pixels, k0 + CHUNK), from, to, l1);
            for (int r = 0; r < rows.length; r++) {
                for (int lane = from; lane < to; lane++) {
                    stats[r][lane] += acc[r][lane];
                }
            }
        }
        return stats;
    }

    /**
     * Adds pixels {@code [k0, k1)} to the accumulators. Four pixels per pass, so one load and
     * store of an accumulator serves four pixels; every row inside the pass, so the four lane rows
     * come from memory once and then from the first-level cache (with the row loop outside the
     * pixel loop the kernel ran markedly slower).
     */
    private static void accumulate(float[][] acc, float[][] rows, float[][] block,
            int k0, int k1, int from, int to, boolean l1) {
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            float[] c0 = block[k];
            float[] c1 = block[k + 1];
            float[] c2 = block[k + 2];
            float[] c3 = block[k + 3];
            for (int r = 0; r < rows.length; r++) {
                float[] x = rows[r];
                if (l1) {
                    absPass(acc[r], c0, c1, c2, c3, x[k], x[k + 1], x[k + 2], x[k + 3], from, to);
                } else {
                    productPass(acc[r], c0, c1, c2, c3, x[k], x[k + 1], x[k + 2], x[k + 3], from, to);
                }
            }
        }
        for (; k < k1; k++) {
            for (int r = 0; r < rows.length; r++) {
                if (l1) {
                    absPass(acc[r], block[k], rows[r][k], from, to);
                } else {
                    productPass(acc[r], block[k], rows[r][k], from, to);
                }
            }
        }
    }

    private static void absPass(float[] acc, float[] c0, float[] c1, float[] c2, float[] c3,
            float x0, float x1, float x2, float x3, int from, int to) {
        for (int lane = from; lane < to; lane++) {
            acc[lane] += (Math.abs(x0 - c0[lane]) + Math.abs(x1 - c1[lane]))
                    + (Math.abs(x2 - c2[lane]) + Math.abs(x3 - c3[lane]));
        }
    }

    private static void absPass(float[] acc, float[] c, float x, int from, int to) {
        for (int lane = from; lane < to; lane++) {
            acc[lane] += Math.abs(x - c[lane]);
        }
    }

    private static void productPass(float[] acc, float[] c0, float[] c1, float[] c2, float[] c3,
            float x0, float x1, float x2, float x3, int from, int to) {
        for (int lane = from; lane < to; lane++) {
            acc[lane] += (x0 * c0[lane] + x1 * c1[lane]) + (x2 * c2[lane] + x3 * c3[lane]);
        }
    }

    private static void productPass(float[] acc, float[] c, float x, int from, int to) {
        for (int lane = from; lane < to; lane++) {
            acc[lane] += x * c[lane];
        }
    }
}
