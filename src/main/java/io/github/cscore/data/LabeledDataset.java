package io.github.cscore.data;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;

import java.util.List;

/**
 * An image classification dataset whose labels can be read without decoding any image.
 *
 * <p>Every dataset of this package is also a DJL {@code RandomAccessDataset} whose item {@code i}
 * is {@code Record(NDList(image), NDList(label))}: the image a float32 array of shape {@link
 * #imageShape()} (3, H, W), normalised, and the label a float32 scalar, as DJL's own {@code Mnist}
 * returns, so {@code SoftmaxCrossEntropyLoss} and {@code Accuracy} work unchanged. This interface
 * adds what a monitor needs to draw a stratified sample and what a report needs to show an image.
 */
public interface LabeledDataset {

    /**
     * Wraps images held in arrays. The arrays are copied.
     *
     * @param images one channel-major image (C * H * W values, normalised as the network expects)
     *     per item
     * @param labels one class index per item
     * @param imageShape (C, H, W)
     * @param classNames the class names, at least two; a label is a position in this list
     * @return the images as labelled data
     * @throws IllegalArgumentException if lengths, sizes or labels do not fit, naming the item
     */
    static LabeledDataset fromArrays(float[][] images, int[] labels, Shape imageShape, List<String> classNames) {
        return ArrayLabeledDataset.of(images, labels, imageShape, classNames);
    }

    /**
     * Views any DJL dataset whose items are (image, class index) as labelled data, so that a
     * monitor can draw its sample from the validation set a training already has.
     *
     * <p>Items are read through the dataset's batch path, so its pipeline (resizing, {@code
     * ToTensor}, normalisation) applies as in training. Every item is read once now, to learn its
     * label; only the labels are kept, and an image is read again when asked for.
     *
     * @param dataset a prepared dataset whose items become (C, H, W) images after its pipeline, with
     *     one class index per item as label
     * @param classNames the class names, at least two; a label is a position in this list
     * @return a view of the dataset
     * @throws IllegalArgumentException if an item is not an image, its shape differs from the
     *     items before it, or its label is not a class index, naming the item
     * @throws java.io.UncheckedIOException if the dataset cannot be read
     */
    static LabeledDataset fromDataset(RandomAccessDataset dataset, List<String> classNames) {
        return DatasetView.read(dataset, classNames);
    }

    /**
     * Returns the label of every item, in item order.
     *
     * @return a new array with one class index (0 to {@code numClasses() - 1}) per item
     */
    int[] labels();

    /**
     * Returns the class names; the label of a class is its position in this list.
     *
     * @return an unmodifiable list of at least two names
     */
    List<String> classNames();

    /**
     * Returns the shape of one image as the network sees it.
     *
     * @return (channels, height, width), channels being 3
     */
    Shape imageShape();

    /**
     * Returns one item's image without going through NDArrays: the same values as the item's
     * NDArray, before any transform added to the dataset's pipeline.
     *
     * @param index the item, from 0 to {@code labels().length - 1}
     * @return a new channel-major array of length C * H * W, normalised
     * @throws IndexOutOfBoundsException if there is no such item
     */
    float[] image(int index);

    /**
     * Returns the number of classes.
     *
     * @return the size of {@link #classNames()}
     */
    default int numClasses() {
        return classNames().size();
    }

    /**
     * Counts the items of each class.
     *
     * @return a new array whose entry {@code c} is the number of items labelled {@code c}
     */
    default int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels()) {
            counts[label]++;
        }
        return counts;
    }
}
