package io.github.cscore.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

/** Test images held as one float array each, made into the shuffled training set DJL reads. */
public final class ImageArrays {

    private ImageArrays() {}

    /**
     * Stacks the images into one NDArray of shape (count, channels, size, size), with the labels
     * as float class indices, sampled in shuffled batches.
     *
     * @param manager the manager owning the arrays
     * @param images one array of channels x size x size values per image
     * @param labels the class index of each image
     * @param imageShape the shape of one image, (channels, height, width)
     * @param batchSize the batch size
     * @return the dataset
     */
    public static ArrayDataset trainingSet(NDManager manager, float[][] images, int[] labels, Shape imageShape,
            int batchSize) {
        int count = images.length;
        int values = (int) imageShape.size();
        float[] flat = new float[count * values];
        float[] labelValues = new float[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images[i], 0, flat, i * values, values);
            labelValues[i] = labels[i];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(flat, new Shape(count).addAll(imageShape)))
                .optLabels(manager.create(labelValues))
                .setSampling(batchSize, true)
                .build();
    }
}
