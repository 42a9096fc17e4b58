package io.github.cscore.result;

import java.util.Objects;

/**
 * One of the fixed validation images whose maps are kept at every checkpoint, as a person sees it.
 *
 * @param id a file-safe identifier, {@code c<class index>-<dataset index>}, the same in every
 *     checkpoint of a run
 * @param datasetIndex the image's index in the validation data
 * @param classIndex its label
 * @param className its class name
 * @param height the image height in pixels
 * @param width the image width in pixels
 * @param grayscale {@code height * width} values in [0, 1], row-major: the mean over channels,
 *     stretched to [0, 1] (the model sees normalised values, which are not for display)
 */
public record ExampleImage(
        String id, int datasetIndex, int classIndex, String className, int height, int width, float[] grayscale) {

    /**
     * Checks the components.
     *
     * @param id the identifier, not null
     * @param datasetIndex the image's index in the validation data
     * @param classIndex its label
     * @param className its class name, not null
     * @param height the image height, at least 1
     * @param width the image width, at least 1
     * @param grayscale {@code height * width} values in [0, 1]; not copied
     * @throws IllegalArgumentException if the pixel count does not match the size
     */
    public ExampleImage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(grayscale, "grayscale");
        if (height < 1 || width < 1 || grayscale.length != height * width) {
            throw new IllegalArgumentException("grayscale must hold height * width = " + height + " * " + width
                    + " values, but had " + grayscale.length);
        }
    }

    /**
     * Makes the identifier an image gets.
     *
     * @param classIndex the image's label
     * @param datasetIndex its index in the validation data
     * @return {@code c<class index>-<dataset index>}, the dataset index with at least 5 digits
     */
    public static String idOf(int classIndex, int datasetIndex) {
        return "c%d-%05d".formatted(classIndex, datasetIndex);
    }

    /**
     * Turns a model input (channels, height, width) into a display grayscale: the mean over
     * channels, min-max stretched to [0, 1]; a constant image becomes all zeros.
     *
     * @param input the image as fed to the model, channel-major
     * @param height the height
     * @param width the width
     * @return {@code height * width} values in [0, 1]
     */
    public static float[] grayscaleOf(float[] input, int height, int width) {
        int pixels = height * width;
        int channels = input.length / pixels;
        float[] gray = new float[pixels];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                gray[p] += input[c * pixels + p] / channels;
            }
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : gray) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max - min;
        for (int p = 0; p < pixels; p++) {
            gray[p] = range > 0 ? (gray[p] - min) / range : 0f;
        }
        return gray;
    }
}
