package io.github.cscore.data;

import ai.djl.ndarray.types.Shape;

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
