package io.github.cscore.score;

import java.util.Objects;

/**
 * Area-average downsampling of a row-major map to a smaller grid.
 *
 * <p>Each target cell covers {@code width / targetWidth} by {@code height / targetHeight} source
 * pixels, and its value is the mean of the source over that rectangle, each source pixel counted
 * by the area it shares with the cell. The ratio need not be an integer: from 224 to 64 a cell
 * spans 3.5 pixels, so the pixels on its border count half. The overlaps are computed exactly in
 * integers; the mean of the map is preserved. The two axes are resampled one after the other.
 *
 * <p>An instance holds the precomputed overlaps for one source and target size and can be
 * reused for any number of maps; it is immutable and safe to share between threads.
 */
public final class AreaDownsampler {

    private final int width;
    private final int height;
    private final Axis columns;
    private final Axis rows;

    /**
     * Creates a downsampler from {@code width x height} to {@code targetWidth x targetHeight}.
     *
     * @param width the source width, at least 1
     * @param height the source height, at least 1
     * @param targetWidth the target width, in [1, width]
     * @param targetHeight the target height, in [1, height]
     * @throws IllegalArgumentException if a size is out of range
     */
    public AreaDownsampler(int width, int height, int targetWidth, int targetHeight) {
        checkSize("width", width, "targetWidth", targetWidth);
        checkSize("height", height, "targetHeight", targetHeight);
        this.width = width;
        this.height = height;
        this.columns = new Axis(width, targetWidth);
        this.rows = new Axis(height, targetHeight);
    }

    /**
     * Creates a downsampler to a scoring resolution: each axis is reduced to {@code resolution},
     * and an axis not longer than {@code resolution} keeps its own size (maps are never upsampled).
     *
     * @param width the source width, at least 1
     * @param height the source height, at least 1
     * @param resolution the largest target size per axis, at least 1
     * @return the downsampler; an identity when the map already fits
     * @throws IllegalArgumentException if a size is out of range
     */
    public static AreaDownsampler toResolution(int width, int height, int resolution) {
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be at least 1, but was " + resolution);
        }
        return new AreaDownsampler(width, height, Math.min(width, resolution), Math.min(height, resolution));
    }

    /**
     * The width of the maps this downsampler produces.
     *
     * @return the target width, in pixels
     */
    public int targetWidth() {
        return columns.target;
    }

    /**
     * The height of the maps this downsampler produces.
     *
     * @return the target height, in pixels
     */
    public int targetHeight() {
        return rows.target;
    }

    /**
     * Tells whether the target size equals the source size, so maps are only copied.
     *
     * @return true if both axes keep their size
     */
    public boolean isIdentity() {
        return columns.target == width && rows.target == height;
    }

    /**
     * Downsamples one map.
     *
     * @param map the source map, row-major, {@code width * height} values
     * @return a new row-major map of {@code targetWidth * targetHeight} values
     * @throws IllegalArgumentException if the map has the wrong length
     */
    public float[] apply(float[] map) {
        Objects.requireNonNull(map, "map");
        if (map.length != width * height) {
            throw new IllegalArgumentException("map must have width * height = " + width * height
                    + " values, but had " + map.length);
        }
        if (isIdentity()) {
            return map.clone();
        }
        int tw = columns.target;
        double[] narrow = new double[height * tw];
        for (int y = 0; y < height; y++) {
            for (int t = 0; t < tw; t++) {
                narrow[y * tw + t] = columns.average(map, y * width, 1, t);
            }
        }
        float[] out = new float[rows.target * tw];
        for (int t = 0; t < rows.target; t++) {
            for (int x = 0; x < tw; x++) {
                out[t * tw + x] = (float) rows.average(narrow, x, tw, t);
            }
        }
        return out;
    }

    private static void checkSize(String name, int size, String targetName, int target) {
        if (size < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + size);
        }
        if (target < 1 || target > size) {
            throw new IllegalArgumentException(
                    targetName + " must be in [1, " + name + " = " + size + "], but was " + target);
        }
    }

    /**
     * The overlaps along one axis. In units of {@code 1 / (size * target)} of the axis, source
     * pixel {@code k} spans {@code [k * target, (k + 1) * target)} and target cell {@code t} spans
     * {@code [t * size, (t + 1) * size)}, so every overlap is an integer and a cell's weights sum
     * to {@code size}.
     */
    private static final class Axis {
        final int target;
        final int[] first;
        final double[][] weights;

        Axis(int size, int target) {
            this.target = target;
            this.first = new int[target];
            this.weights = new double[target][];
            for (int t = 0; t < target; t++) {
                long lo = (long) t * size;
                long hi = lo + size;
                int k0 = (int) (lo / target);
                int k1 = (int) ((hi + target - 1) / target);
                first[t] = k0;
                weights[t] = new double[k1 - k0];
                for (int k = k0; k < k1; k++) {
                    long overlap = Math.min(hi, (long) (k + 1) * target) - Math.max(lo, (long) k * target);
                    weights[t][k - k0] = (double) overlap / size;
                }
            }
        }

        double average(float[] values, int offset, int stride, int t) {
            double sum = 0;
            double[] w = weights[t];
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * values[offset + (first[t] + k) * stride];
            }
            return sum;
        }

        double average(double[] values, int offset, int stride, int t) {
            double sum = 0;
            double[] w = weights[t];
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * values[offset + (first[t] + k) * stride];
            }
            return sum;
        }
    }
}
