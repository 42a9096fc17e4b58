package io.github.cscore.cam;

import java.util.List;

/**
 * The post-processing every technique shares: ReLU, bilinear upsampling to the output size,
 * min-max to [0, 1], and the flat-map flag.
 *
 * <p>A map whose range after ReLU is below the flat epsilon (an all-zero map, or a constant one)
 * carries no spatial information: it stays all zeros and is flagged, rather than being stretched
 * into noise by the min-max or turned into NaN by a division by zero.
 */
final class MapScaler {

    private final int outHeight;
    private final int outWidth;
    private final float flatEpsilon;

    MapScaler(int outHeight, int outWidth, float flatEpsilon) {
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.flatEpsilon = flatEpsilon;
    }

    /** A scaled map and whether it was flat. */
    record Scaled(float[] map, boolean flat) {}

    /** ReLU, upsampling and min-max of one raw map of size height x width. */
    Scaled scale(float[] raw, int height, int width) {
        float[] rectified = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            // NaN or negative evidence both count as no evidence.
            rectified[i] = raw[i] > 0 ? raw[i] : 0f;
        }
        if (range(rectified) < flatEpsilon) {
            return flat();
        }
        return minMax(Bilinear.resize(rectified, height, width, outHeight, outWidth));
    }

    /** The mean of several scaled maps of one image, min-maxed again. */
    Scaled fuse(List<Scaled> parts) {
        float[] sum = new float[outHeight * outWidth];
        for (Scaled part : parts) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += part.map()[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= parts.size();
        }
        return range(sum) < flatEpsilon ? flat() : minMax(sum);
    }

    private Scaled flat() {
        return new Scaled(new float[outHeight * outWidth], true);
    }

    private Scaled minMax(float[] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : map) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max - min;
        if (range < flatEpsilon) {
            return flat();
        }
        for (int i = 0; i < map.length; i++) {
            map[i] = Math.min(1f, (map[i] - min) / range);
        }
        return new Scaled(map, false);
    }

    private static float range(float[] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : map) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }
}
