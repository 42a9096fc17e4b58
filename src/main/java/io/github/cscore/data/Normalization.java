package io.github.cscore.data;

/**
 * How 8-bit pixel values become the floats a network sees: {@code (v / 255 - mean[c]) / std[c]}
 * for channel {@code c} of an RGB image.
 *
 * <p>Pick the one the network's pretrained weights (or its reference training code) expects:
 * DenseNet201 in Keras and every torchvision model use {@link #IMAGENET}; Keras' ResNet50V2 and
 * InceptionV3 use {@link #MINUS_ONE_TO_ONE} (Keras' {@code "tf"} preprocessing mode).
 */
public enum Normalization {

    /** ImageNet mean and standard deviation per channel (Keras {@code "torch"} mode). */
    IMAGENET(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),

    /** Values scaled to [-1, 1]: {@code v / 127.5 - 1} (Keras {@code "tf"} mode). */
    MINUS_ONE_TO_ONE(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}),

    /** Values scaled to [0, 1]: {@code v / 255}. */
    UNIT(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

    private final float[] mean;
    private final float[] std;

    Normalization(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Returns the per-channel mean, in units of full scale (0 to 1), in R, G, B order.
     *
     * @return a copy of the three means
     */
    public float[] mean() {
        return mean.clone();
    }

    /**
     * Returns the per-channel standard deviation, in units of full scale, in R, G, B order.
     *
     * @return a copy of the three standard deviations
     */
    public float[] std() {
        return std.clone();
    }

    /**
     * Normalises one pixel value.
     *
     * @param channel the channel, 0 (R), 1 (G) or 2 (B)
     * @param value the pixel value on the 0 to 255 scale (may be fractional after resampling)
     * @return the normalised value
     */
    public float apply(int channel, float value) {
        return (value / 255f - mean[channel]) / std[channel];
    }

    /**
     * Undoes the normalisation of a whole (3, H, W) image, for display.
     *
     * @param chw a normalised image, channel-major, of length 3 * H * W
     * @return a new array of values on the 0 to 1 scale (not clipped)
     * @throws IllegalArgumentException if the length is not a multiple of 3
     */
    public float[] toUnitRange(float[] chw) {
        if (chw.length % 3 != 0) {
            throw new IllegalArgumentException(
                    "chw length must be a multiple of 3 channels, but was " + chw.length);
        }
        int plane = chw.length / 3;
        float[] out = new float[chw.length];
        for (int i = 0; i < chw.length; i++) {
            int c = i / plane;
            out[i] = chw[i] * std[c] + mean[c];
        }
        return out;
    }
}
