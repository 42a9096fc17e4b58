package io.github.cscore.score;

import java.util.Arrays;
import java.util.Objects;

/**
 * One technique's maps of the fixed sample images at one checkpoint, each explaining the image's
 * own class, at the scoring resolution and intensity-emphasised as the C-Score compares them: what
 * explanation drift and cross-class similarity are computed from.
 *
 * <p>Unlike {@link GoldMaps}, it holds every sample image that has a map, whether or not the image
 * is on a gold list: drift then survives a class leaving its gold list. An image without a map
 * (a technique that only explains gold images) is left out of every mean. Not thread-safe while
 * maps are added; a finished instance is only read.
 */
public final class SampleMaps {

    private final int[] labels;
    private final int classes;
    private final int resolution;
    private final double gamma;
    private final float[][] maps;
    private final double[] sums;

    /**
     * Creates an empty set of maps for a sample.
     *
     * @param labels the class of each sample image, in sample order; copied
     * @param classes the number of classes, at least 1
     * @param resolution the scoring resolution R: maps are held at most R x R
     * @param gamma the intensity emphasis exponent, positive (the C-Score's)
     * @throws IllegalArgumentException if a label is outside [0, classes) or a setting is out of range
     */
    public SampleMaps(int[] labels, int classes, int resolution, double gamma) {
        Objects.requireNonNull(labels, "labels");
        if (classes < 1 || resolution < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("classes and resolution must be at least 1 and gamma positive, but were "
                    + classes + ", " + resolution + " and " + gamma);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label of image " + i + " must be in [0, " + classes + "), but was "
                        + labels[i]);
            }
        }
        this.labels = labels.clone();
        this.classes = classes;
        this.resolution = resolution;
        this.gamma = gamma;
        this.maps = new float[labels.length][];
        this.sums = new double[labels.length];
    }

    /**
     * Adds the map of one sample image: downsampled to the scoring resolution and emphasised.
     *
     * @param image the image's position in the sample
     * @param map the map, row-major, {@code width * height} values in [0, 1]; not kept
     * @param width its width
     * @param height its height
     * @throws IllegalArgumentException if the image is out of range
     */
    public void add(int image, float[] map, int width, int height) {
        if (image < 0 || image >= maps.length) {
            throw new IllegalArgumentException("image must be in [0, " + maps.length + "), but was " + image);
        }
        float[] small = AreaDownsampler.toResolution(width, height, resolution).apply(map);
        double sum = 0;
        for (int k = 0; k < small.length; k++) {
            float v = Math.min(1f, Math.max(0f, small[k]));
            small[k] = gamma == 2 ? v * v : (float) Math.pow(v, gamma);
            sum += small[k];
        }
        maps[image] = small;
        sums[image] = sum;
    }

    /**
     * Returns how many sample images have a map.
     *
     * @return the count
     */
    public int size() {
        return (int) Arrays.stream(maps).filter(Objects::nonNull).count();
    }

    /**
     * Explanation drift per class: for each class, the mean over its images that have a map here
     * and in {@code earlier} of {@code 1 - s(now, then)}, with s the soft IoU. 0 means every map
     * is unchanged, 1 that every map moved to where it was not. A pair of two flat maps carries no
     * information and is left out; a map that turned flat, or stopped being flat, counts 1.
     *
     * @param earlier the same technique's maps of the same sample at an earlier checkpoint
     * @param similarity the soft IoU form
     * @return one value per class, NaN for a class without a single comparable image
     * @throws IllegalArgumentException if the two belong to different samples or resolutions
     */
    public double[] driftFrom(SampleMaps earlier, SoftIou similarity) {
        requireSameSample(earlier);
        double[] total = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < maps.length; i++) {
            double s = similarity(this, i, earlier, i, similarity);
            if (!Double.isNaN(s)) {
                total[labels[i]] += 1 - s;
                count[labels[i]]++;
            }
        }
        return means(total, count);
    }

    /**
     * Cross-class similarity per class: for each class c, the mean soft IoU between the maps of
     * its images and those of images of every other class. Near the class's own C-Score or above,
     * the model points at the same place whatever the class: a collapsing or cheating model. Pairs
     * of two flat maps are left out.
     *
     * @param similarity the soft IoU form
     * @return one value per class, NaN for a class without a comparable pair
     */
    public double[] crossClassSimilarity(SoftIou similarity) {
        double[] total = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < maps.length; i++) {
            for (int j = i + 1; j < maps.length; j++) {
                if (labels[i] == labels[j]) {
                    continue;
                }
                double s = similarity(this, i, this, j, similarity);
                if (!Double.isNaN(s)) {
                    total[labels[i]] += s;
                    count[labels[i]]++;
                    total[labels[j]] += s;
                    count[labels[j]]++;
                }
            }
        }
        return means(total, count);
    }

    /** The soft IoU of two held maps; NaN if either is missing or both are flat. */
    private static double similarity(SampleMaps a, int i, SampleMaps b, int j, SoftIou form) {
        float[] x = a.maps[i];
        float[] y = b.maps[j];
        if (x == null || y == null || (a.sums[i] == 0 && b.sums[j] == 0)) {
            return Double.NaN;
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("maps of " + x.length + " and " + y.length + " pixels cannot be compared");
        }
        double statistic = 0;
        for (int k = 0; k < x.length; k++) {
            statistic += form == SoftIou.MIN_MAX ? Math.abs(x[k] - y[k]) : (double) x[k] * y[k];
        }
        return Math.max(0, form.fromSums(a.sums[i], b.sums[j], statistic));
    }

    private void requireSameSample(SampleMaps other) {
        if (!Arrays.equals(labels, other.labels) || resolution != other.resolution || classes != other.classes) {
            throw new IllegalArgumentException("maps of different samples cannot be compared: " + labels.length + " and "
                    + other.labels.length + " images, resolutions " + resolution + " and " + other.resolution);
        }
    }

    private static double[] means(double[] total, int[] count) {
        double[] means = new double[total.length];
        for (int c = 0; c < means.length; c++) {
            means[c] = count[c] == 0 ? Double.NaN : Math.min(1, total[c] / count[c]);
        }
        return means;
    }
}
