package io.github.cscore.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images kept as 8-bit planes, turned into normalised 3-channel float images on demand.
 *
 * <p>Each image is channel-major bytes of one channel (greyscale, replicated to three on the way
 * out) or three (RGB), all of the same stored size. If the stored size differs from the output
 * size, every read resizes with {@link Resampler}; that keeps small sources such as 28 x 28
 * Fashion-MNIST at 784 bytes each instead of 150 KB of upsampled floats.
 */
final class PixelStore {

    private final byte[][] images;
    private final int[] labels;
    private final int storedHeight;
    private final int storedWidth;
    private final int outputSize;
    private final Normalization normalization;
    private final Resampler resampler;

    PixelStore(byte[][] images, int[] labels, int storedHeight, int storedWidth, int outputSize,
            Normalization normalization) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(
                    "images and labels must have the same length, but were "
                            + images.length + " and " + labels.length);
        }
        this.images = images;
        this.labels = labels;
        this.storedHeight = storedHeight;
        this.storedWidth = storedWidth;
        this.outputSize = outputSize;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.resampler = new Resampler(storedHeight, storedWidth, outputSize, outputSize);
    }

    int size() {
        return images.length;
    }

    int label(int index) {
        return labels[index];
    }

    int[] labels(int count) {
        return Arrays.copyOf(labels, count);
    }

    Shape shape() {
        return new Shape(3, outputSize, outputSize);
    }

    /** Bytes held for pixels, without array headers. */
    long pixelBytes() {
        long total = 0;
        for (byte[] image : images) {
            total += image.length;
        }
        return total;
    }

    /** Returns one image as normalised (3, size, size) floats. */
    float[] image(int index) {
        byte[] stored = images[index];
        int plane = storedHeight * storedWidth;
        int channels = stored.length / plane;
        int outPlane = outputSize * outputSize;
        float[] out = new float[3 * outPlane];
        for (int c = 0; c < channels; c++) {
            readPlane(stored, c * plane, out, c * outPlane);
        }
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        // Channels are normalised back to front so that a greyscale plane, read into channel 0,
        // is still raw when channels 1 and 2 are derived from it.
        for (int c = 2; c >= 0; c--) {
            int source = channels == 1 ? 0 : c;
            float scale = 1f / (255f * std[c]);
            float shift = -mean[c] / std[c];
            for (int i = 0; i < outPlane; i++) {
                out[c * outPlane + i] = out[source * outPlane + i] * scale + shift;
            }
        }
        return out;
    }

    private void readPlane(byte[] stored, int offset, float[] out, int outOffset) {
        if (resampler.isIdentity()) {
            for (int i = 0; i < storedHeight * storedWidth; i++) {
                out[outOffset + i] = stored[offset + i] & 0xFF;
            }
        } else {
            resampler.resize(stored, offset, out, outOffset);
        }
    }

    /** Returns item {@code index} as DJL expects it: (image, float32 scalar label). */
    Record record(NDManager manager, int index) {
        NDArray image = manager.create(image(index), shape());
        NDArray label = manager.create((float) labels[index]);
        return new Record(new NDList(image), new NDList(label));
    }
}
