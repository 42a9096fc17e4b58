package io.github.cscore.cam;

/**
 * Bilinear resizing with half-pixel centres (PyTorch's {@code align_corners=False}, OpenCV's
 * default): output pixel {@code o} samples the input at {@code (o + 0.5) * in / out - 0.5},
 * clamped to the input's edge.
 *
 * <p>The resize is separable, so it is expressed as two small interpolation matrices, one per
 * axis; the same matrices serve the Java path and batched tensor products.
 */
public final class Bilinear {

    private Bilinear() {}

    /**
     * Returns the interpolation matrix from {@code in} samples to {@code out} samples.
     *
     * @param in the input length, at least 1
     * @param out the output length, at least 1
     * @return a row-major (out x in) matrix; row {@code o} holds the weights of output sample o
     * @throws IllegalArgumentException if a length is below 1
     */
    public static float[] matrix(int in, int out) {
        Taps taps = taps(in, out);
        float[] weights = new float[out * in];
        for (int o = 0; o < out; o++) {
            weights[o * in + taps.lower[o]] += 1 - taps.fraction[o];
            weights[o * in + taps.upper[o]] += taps.fraction[o];
        }
        return weights;
    }

    /** For each output sample, the two input samples it lies between and its distance from the lower. */
    private record Taps(int[] lower, int[] upper, float[] fraction) {}

    private static Taps taps(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(
                    "lengths must be at least 1, but were in=" + in + ", out=" + out);
        }
        int[] lower = new int[out];
        int[] upper = new int[out];
        float[] fraction = new float[out];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double source = Math.max((o + 0.5) * scale - 0.5, 0);
            lower[o] = Math.min((int) Math.floor(source), in - 1);
            upper[o] = Math.min(lower[o] + 1, in - 1);
            fraction[o] = (float) (source - lower[o]);
        }
        return new Taps(lower, upper, fraction);
    }

    /**
     * Resizes a row-major map.
     *
     * @param map the map, {@code height * width} values
     * @param height the map's height
     * @param width the map's width
     * @param outHeight the output height
     * @param outWidth the output width
     * @return the resized map, {@code outHeight * outWidth} values
     * @throws IllegalArgumentException if the map's length is not {@code height * width}
     */
    public static float[] resize(float[] map, int height, int width, int outHeight, int outWidth) {
        if (map.length != height * width) {
            throw new IllegalArgumentException(
                    "map must have " + height + " x " + width + " values, but had " + map.length);
        }
        Taps rows = taps(height, outHeight);
        Taps columns = taps(width, outWidth);
        float[] horizontal = new float[height * outWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < outWidth; x++) {
                float left = map[y * width + columns.lower[x]];
                float right = map[y * width + columns.upper[x]];
                horizontal[y * outWidth + x] = left + columns.fraction[x] * (right - left);
            }
        }
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            int top = rows.lower[y] * outWidth;
            int bottom = rows.upper[y] * outWidth;
            float fraction = rows.fraction[y];
            for (int x = 0; x < outWidth; x++) {
                float above = horizontal[top + x];
                out[y * outWidth + x] = above + fraction * (horizontal[bottom + x] - above);
            }
        }
        return out;
    }
}
