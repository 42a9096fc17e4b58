package io.github.cscore.bench;

import io.github.cscore.score.PairSums;
import java.util.stream.IntStream;

/**
 * Two alternatives to the product kernel for the min/max form, kept to measure its design
 * choices: plain pair-by-pair loops (no lane blocks), and lane blocks with {@code Math.min}
 * instead of the absolute difference. Both run on all cores and return the same sums.
 */
final class AlternativeKernels {

    private static final int LANES = 256;
    private static final int CHUNK = 256;

    private AlternativeKernels() {}

    /** One pair at a time: {@code sum |a - b|} with eight float accumulators; rows in parallel. */
    static PairSums pairLoops(float[][] maps, float[] weights) {
        int n = maps.length;
        double[] sums = sums(maps);
        PairSums[] rows = new PairSums[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double weighted = 0;
            double total = 0;
            for (int j = i + 1; j < n; j++) {
                double l1 = l1(maps[i], maps[j]);
                double w = (double) weights[i] * weights[j];
                double union = sums[i] + sums[j] + l1;
                weighted += union > 0 ? w * Math.max(0, (sums[i] + sums[j] - l1) / union) : 0;
                total += w;
            }
            rows[i] = new PairSums(weighted, total, 0, n - 1 - i);
        });
        return add(rows);
    }

    private static double l1(float[] a, float[] b) {
        double total = 0;
        for (int k0 = 0; k0 < a.length; k0 += CHUNK) {
            int k1 = Math.min(a.length, k0 + CHUNK);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int k = k0;
            for (; k + 8 <= k1; k += 8) {
                s0 += Math.abs(a[k] - b[k]);
                s1 += Math.abs(a[k + 1] - b[k + 1]);
                s2 += Math.abs(a[k + 2] - b[k + 2]);
                s3 += Math.abs(a[k + 3] - b[k + 3]);
                s4 += Math.abs(a[k + 4] - b[k + 4]);
                s5 += Math.abs(a[k + 5] - b[k + 5]);
                s6 += Math.abs(a[k + 6] - b[k + 6]);
                s7 += Math.abs(a[k + 7] - b[k + 7]);
            }
            for (; k < k1; k++) {
                s0 += Math.abs(a[k] - b[k]);
            }
            total += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        return total;
    }

    /** Lane blocks as in the product kernel, but accumulating {@code Math.min} directly. */
    static PairSums laneBlocksMin(float[][] maps, float[] weights) {
        int n = maps.length;
        int pixels = maps[0].length;
        double[] sums = sums(maps);
        int blocks = (n + LANES - 1) / LANES;
        float[][][] columns = new float[blocks][pixels][LANES];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < pixels; k++) {
                columns[j / LANES][k][j % LANES] = maps[j][k];
            }
        }
        PairSums[] rows = new PairSums[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double weighted = 0;
            double total = 0;
            float[] acc = new float[LANES];
            double[] min = new double[LANES];
            for (int b = i / LANES; b < blocks; b++) {
                int start = b * LANES;
                int from = Math.max(0, i + 1 - start);
                int to = Math.min(LANES, n - start);
                java.util.Arrays.fill(min, 0);
                for (int k0 = 0; k0 < pixels; k0 += CHUNK) {
                    java.util.Arrays.fill(acc, 0f);
                    int k1 = Math.min(pixels, k0 + CHUNK);
                    for (int k = k0; k < k1; k++) {
                        addMin(acc, columns[b][k], maps[i][k], from, to);
                    }
                    for (int lane = from; lane < to; lane++) {
                        min[lane] += acc[lane];
                    }
                }
                for (int lane = from; lane < to; lane++) {
                    int j = start + lane;
                    double union = sums[i] + sums[j] - min[lane];
                    double w = (double) weights[i] * weights[j];
                    weighted += union > 0 ? w * min[lane] / union : 0;
                    total += w;
                }
            }
            rows[i] = new PairSums(weighted, total, 0, n - 1 - i);
        });
        return add(rows);
    }

    private static void addMin(float[] acc, float[] column, float x, int from, int to) {
        for (int lane = from; lane < to; lane++) {
            acc[lane] += Math.min(x, column[lane]);
        }
    }

    private static double[] sums(float[][] maps) {
        double[] sums = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            for (float v : maps[i]) {
                sums[i] += v;
            }
        }
        return sums;
    }

    private static PairSums add(PairSums[] parts) {
        double weighted = 0;
        double total = 0;
        long pairs = 0;
        for (PairSums part : parts) {
            weighted += part.weightedSimilarity();
            total += part.totalWeight();
            pairs += part.pairs();
        }
        return new PairSums(weighted, total, 0, pairs);
    }
}
