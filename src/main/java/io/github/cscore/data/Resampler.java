package io.github.cscore.data;

/**
 * Resizes 8-bit image planes: bilinear interpolation with half-pixel centres when enlarging (or
 * keeping) an axis, area averaging when shrinking it.
 *
 * <p>Area averaging is what OpenCV calls {@code INTER_AREA}: each output pixel is the mean of the
 * source pixels its footprint covers, weighted by overlap. Plain bilinear sampling would alias
 * badly when a 2000-pixel radiograph becomes 224 pixels wide, because it reads only four source
 * pixels per output pixel. The two axes are handled separately, so a thin image can be shrunk in
 * one direction and enlarged in the other. Instances are immutable and thread-safe.
 */
final class Resampler {

    private final int srcHeight;
    private final int srcWidth;
    private final int dstHeight;
    private final int dstWidth;
    private final Taps rows;
    private final Taps cols;

    /** Prepares the interpolation weights for one source and one target size. */
    Resampler(int srcHeight, int srcWidth, int dstHeight, int dstWidth) {
        if (srcHeight < 1 || srcWidth < 1 || dstHeight < 1 || dstWidth < 1) {
            throw new IllegalArgumentException(String.format(
                    "sizes must be positive, but were %dx%d -> %dx%d",
                    srcHeight, srcWidth, dstHeight, dstWidth));
        }
        this.srcHeight = srcHeight;
        this.srcWidth = srcWidth;
        this.dstHeight = dstHeight;
        this.dstWidth = dstWidth;
        this.rows = Taps.of(srcHeight, dstHeight);
        this.cols = Taps.of(srcWidth, dstWidth);
    }

    /** Tells whether the source and target sizes are equal, so that resizing copies. */
    boolean isIdentity() {
        return srcHeight == dstHeight && srcWidth == dstWidth;
    }

    /**
     * Resizes the plane of {@code srcHeight * srcWidth} unsigned bytes that starts at {@code
     * srcOffset}, writing {@code dstHeight * dstWidth} values on the 0 to 255 scale to {@code dst}
     * from {@code dstOffset}.
     */
    void resize(byte[] src, int srcOffset, float[] dst, int dstOffset) {
        float[] horizontal = new float[srcHeight * dstWidth];
        for (int y = 0; y < srcHeight; y++) {
            int rowStart = srcOffset + y * srcWidth;
            for (int x = 0; x < dstWidth; x++) {
                float sum = 0f;
                float[] w = cols.weights[x];
                int first = rowStart + cols.first[x];
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * (src[first + k] & 0xFF);
                }
                horizontal[y * dstWidth + x] = sum;
            }
        }
        for (int y = 0; y < dstHeight; y++) {
            float[] w = rows.weights[y];
            int first = rows.first[y];
            int out = dstOffset + y * dstWidth;
            for (int x = 0; x < dstWidth; x++) {
                float sum = 0f;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * horizontal[(first + k) * dstWidth + x];
                }
                dst[out + x] = sum;
            }
        }
    }

    /** Resizes one plane and rounds the result back to unsigned bytes. */
    byte[] resizeToBytes(byte[] src, int srcOffset) {
        float[] values = new float[dstHeight * dstWidth];
        resize(src, srcOffset, values, 0);
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.min(255, Math.max(0, Math.round(values[i])));
        }
        return out;
    }

    /** For each output index along one axis: the first source index and the weights from it. */
    private static final class Taps {
        final int[] first;
        final float[][] weights;

        private Taps(int size) {
            first = new int[size];
            weights = new float[size][];
        }

        static Taps of(int src, int dst) {
            return dst < src ? area(src, dst) : bilinear(src, dst);
        }

        private static Taps bilinear(int src, int dst) {
            Taps taps = new Taps(dst);
            double scale = (double) src / dst;
            for (int o = 0; o < dst; o++) {
                // Half-pixel centres: output centre o + 0.5 maps to source coordinate
                // (o + 0.5) * scale, whose pixel index is that minus 0.5.
                double x = Math.max(0.0, (o + 0.5) * scale - 0.5);
                int left = Math.min((int) Math.floor(x), src - 1);
                float frac = (float) (x - left);
                if (left == src - 1 || frac == 0f) {
                    taps.first[o] = left;
                    taps.weights[o] = new float[] {1f};
                } else {
                    taps.first[o] = left;
                    taps.weights[o] = new float[] {1f - frac, frac};
                }
            }
            return taps;
        }

        private static Taps area(int src, int dst) {
            Taps taps = new Taps(dst);
            double scale = (double) src / dst;
            for (int o = 0; o < dst; o++) {
                double start = o * scale;
                double end = Math.min(src, (o + 1) * scale);
                int first = (int) Math.floor(start);
                int last = Math.min(src - 1, (int) Math.ceil(end) - 1);
                float[] w = new float[last - first + 1];
                for (int i = first; i <= last; i++) {
                    double overlap = Math.min(i + 1, end) - Math.max(i, start);
                    w[i - first] = (float) (overlap / (end - start));
                }
                taps.first[o] = first;
                taps.weights[o] = w;
            }
            return taps;
        }
    }
}
