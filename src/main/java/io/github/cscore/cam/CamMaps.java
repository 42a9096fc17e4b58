package io.github.cscore.cam;

import io.github.cscore.result.Technique;

import java.util.Arrays;
import java.util.Objects;

/**
 * The maps one technique produced for a set of images: each in [0, 1] at the input size,
 * row-major, with its flat-map flag and the time the technique took.
 */
public final class CamMaps {

    private final Technique technique;
    private final int height;
    private final int width;
    private final int[] imageIndices;
    private final float[][] maps;
    private final boolean[] flat;
    private final long nanos;

    CamMaps(
            Technique technique,
            int height,
            int width,
            int[] imageIndices,
            float[][] maps,
            boolean[] flat,
            long nanos) {
        this.technique = Objects.requireNonNull(technique, "technique");
        this.height = height;
        this.width = width;
        this.imageIndices = imageIndices.clone();
        this.maps = maps;
        this.flat = flat.clone();
        this.nanos = nanos;
    }

    /**
     * Returns the technique that made the maps.
     *
     * @return the technique
     */
    public Technique technique() {
        return technique;
    }

    /**
     * Returns the map height (the input height).
     *
     * @return the height in pixels
     */
    public int height() {
        return height;
    }

    /**
     * Returns the map width (the input width).
     *
     * @return the width in pixels
     */
    public int width() {
        return width;
    }

    /**
     * Returns the number of maps.
     *
     * @return the number of explained images
     */
    public int size() {
        return maps.length;
    }

    /**
     * Returns which image of the batch the i-th map explains.
     *
     * @param i the map index
     * @return the image's index in the batch
     */
    public int imageIndex(int i) {
        return imageIndices[i];
    }

    /**
     * Returns a copy of the i-th map.
     *
     * @param i the map index
     * @return {@code height * width} values in [0, 1], row-major; all zeros if flat
     */
    public float[] map(int i) {
        return maps[i].clone();
    }

    /**
     * Tells whether the i-th map is flat (no spatial evidence; all zeros).
     *
     * @param i the map index
     * @return true if flat
     */
    public boolean isFlat(int i) {
        return flat[i];
    }

    /**
     * Counts the flat maps.
     *
     * @return the number of flat maps
     */
    public int flatCount() {
        int count = 0;
        for (boolean f : flat) {
            count += f ? 1 : 0;
        }
        return count;
    }

    /**
     * Returns the time the technique took on these images, excluding the shared pass.
     *
     * @return the time in nanoseconds
     */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return technique.label() + "[" + maps.length + " maps " + height + "x" + width + ", flat "
                + flatCount() + ", images " + Arrays.toString(imageIndices) + "]";
    }
}
