package io.github.cscore.monitor;

import ai.djl.ndarray.types.Shape;

import io.github.cscore.data.LabeledDataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The fixed, stratified validation sample a monitor scores at every checkpoint.
 *
 * <p>Drawn once, with a random generator of its own (so training's randomness is untouched): up to
 * {@code perClass} images of each class, chosen uniformly without replacement. The images are
 * copied into memory, so no dataset iterator is consumed at checkpoints.
 */
public final class ValidationSample {

    private final List<String> classNames;
    private final Shape imageShape;
    private final int[] datasetIndices;
    private final int[] labels;
    private final float[][] images;

    private ValidationSample(
            List<String> classNames, Shape imageShape, int[] datasetIndices, int[] labels, float[][] images) {
        this.classNames = List.copyOf(classNames);
        this.imageShape = imageShape;
        this.datasetIndices = datasetIndices;
        this.labels = labels;
        this.images = images;
    }

    /**
     * Draws a stratified sample from a labelled dataset.
     *
     * @param data the validation data
     * @param perClass the most images to take from each class, at least 1
     * @param seed the seed of the sample's own random generator
     * @return the sample
     * @throws IllegalArgumentException if the data is empty, a class has no image, or {@code
     *     perClass} is below 1
     */
    public static ValidationSample draw(LabeledDataset data, int perClass, long seed) {
        Objects.requireNonNull(data, "data");
        if (perClass < 1) {
            throw new IllegalArgumentException("samplePerClass must be at least 1, but was " + perClass);
        }
        int[] allLabels = data.labels();
        if (allLabels.length == 0) {
            throw new IllegalArgumentException("validation data is empty");
        }
        List<Integer> chosen = new ArrayList<>();
        Random random = new Random(seed);
        for (int c = 0; c < data.numClasses(); c++) {
            List<Integer> members = membersOf(allLabels, c);
            if (members.isEmpty()) {
                throw new IllegalArgumentException(
                        "class '" + data.classNames().get(c) + "' has no validation images");
            }
            Collections.shuffle(members, random);
            chosen.addAll(members.subList(0, Math.min(perClass, members.size())));
        }
        Collections.sort(chosen);
        int[] indices = chosen.stream().mapToInt(Integer::intValue).toArray();
        float[][] images = new float[indices.length][];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            images[i] = data.image(indices[i]);
            labels[i] = allLabels[indices[i]];
            requireFinite(images[i], indices[i], data.classNames().get(labels[i]));
        }
        return new ValidationSample(data.classNames(), data.imageShape(), indices, labels, images);
    }

    /** One NaN pixel would make every checkpoint degenerate: name the image now instead. */
    private static void requireFinite(float[] image, int datasetIndex, String className) {
        for (int p = 0; p < image.length; p++) {
            if (!Float.isFinite(image[p])) {
                throw new IllegalArgumentException("validation image " + datasetIndex + " (class " + className
                        + ") has a non-finite value (" + image[p] + ") at element " + p
                        + "; fix or drop it before training");
            }
        }
    }

    private static List<Integer> membersOf(int[] labels, int c) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                members.add(i);
            }
        }
        return members;
    }

    /**
     * Returns the number of images in the sample.
     *
     * @return the sample size
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the class names.
     *
     * @return the names; a label is a position in this list
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the shape of one image.
     *
     * @return (C, H, W)
     */
    public Shape imageShape() {
        return imageShape;
    }

    /**
     * Returns the labels of the sample images.
     *
     * @return a copy of the labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns which dataset items were drawn, in sample order.
     *
     * @return a copy of the dataset indices
     */
    public int[] datasetIndices() {
        return datasetIndices.clone();
    }

    /**
     * Counts the sample images of each class.
     *
     * @return one count per class
     */
    public int[] classSizes() {
        int[] sizes = new int[classNames.size()];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** The images of sample positions [from, to), copied into one channel-major block. */
    float[] imagesBetween(int from, int to) {
        int length = (int) imageShape.size();
        float[] block = new float[(to - from) * length];
        for (int i = from; i < to; i++) {
            System.arraycopy(images[i], 0, block, (i - from) * length, length);
        }
        return block;
    }

    /** The images at some sample positions, copied into one channel-major block. */
    float[] imagesAt(int[] positions) {
        int length = (int) imageShape.size();
        float[] block = new float[positions.length * length];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(images[positions[i]], 0, block, i * length, length);
        }
        return block;
    }

    int[] labelsBetween(int from, int to) {
        return Arrays.copyOfRange(labels, from, to);
    }
}
