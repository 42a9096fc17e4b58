package io.github.cscore.data;

import ai.djl.ndarray.types.Shape;

import java.util.List;

/** Labelled images held in arrays; see {@link LabeledDataset#fromArrays}. */
record ArrayLabeledDataset(List<String> classNames, Shape imageShape, float[][] images, int[] labelArray)
        implements LabeledDataset {

    static ArrayLabeledDataset of(float[][] images, int[] labels, Shape imageShape, List<String> classNames) {
        LabelChecks.requireClassNames(classNames);
        if (images.length != labels.length) {
            throw new IllegalArgumentException("images and labels must have the same length, but had "
                    + images.length + " and " + labels.length);
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != imageShape.size()) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length
                        + " values, but shape " + imageShape + " needs " + imageShape.size());
            }
            LabelChecks.requireInRange(labels[i], "label " + i, classNames);
        }
        float[][] copies = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            copies[i] = images[i].clone();
        }
        return new ArrayLabeledDataset(List.copyOf(classNames), imageShape, copies, labels.clone());
    }

    @Override
    public int[] labels() {
        return labelArray.clone();
    }

    @Override
    public float[] image(int index) {
        return images[index].clone();
    }
}
