package io.github.cscore.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A DJL dataset seen as labelled data; see {@link LabeledDataset#fromDataset}.
 *
 * <p>Items are read through the dataset's own batch path, so its pipeline (resizing, {@code
 * ToTensor}, normalisation) is applied exactly as in training. Only the labels are kept: an image
 * is read again when asked for, so a large validation set costs no memory here.
 */
final class DatasetView implements LabeledDataset {

    private static final int READ_BATCH = 32;

    private final RandomAccessDataset dataset;
    private final List<String> classNames;
    private final int[] labels;
    private final Shape imageShape;

    private DatasetView(RandomAccessDataset dataset, List<String> classNames, int[] labels, Shape imageShape) {
        this.dataset = dataset;
        this.classNames = classNames;
        this.labels = labels;
        this.imageShape = imageShape;
    }

    /** Reads every item once, in order, to learn the labels and check that all images share a shape. */
    static DatasetView read(RandomAccessDataset dataset, List<String> classNames) {
        LabelChecks.requireClassNames(classNames);
        int size = Math.toIntExact(dataset.size());
        int[] labels = new int[size];
        Shape shape = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            Sampler inOrder = new BatchSampler(new SequenceSampler(), READ_BATCH, false);
            int next = 0;
            for (Batch batch : dataset.getData(manager, inOrder)) {
                try (batch) {
                    shape = checkImages(batch.getData().head(), shape, next);
                    float[] values = batch.getLabels().head().toType(DataType.FLOAT32, false).toFloatArray();
                    if (values.length != batch.getSize()) {
                        throw new IllegalArgumentException("validation labels must be one class index per item,"
                                + " but item " + next + " has label shape " + batch.getLabels().head().getShape().slice(1));
                    }
                    for (float value : values) {
                        labels[next] = label(value, next, classNames);
                        next++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the validation dataset: " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalArgumentException("cannot read the validation dataset: " + e.getMessage(), e);
        }
        return new DatasetView(dataset, List.copyOf(classNames), labels, shape == null ? new Shape(3, 0, 0) : shape);
    }

    private static Shape checkImages(NDArray images, Shape expected, int firstItem) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("validation items must be images (C, H, W), but the batch from item "
                    + firstItem + " has shape " + shape);
        }
        Shape itemShape = shape.slice(1);
        if (expected != null && !expected.equals(itemShape)) {
            throw new IllegalArgumentException("validation item " + firstItem + " has shape " + itemShape
                    + ", the items before it " + expected);
        }
        return itemShape;
    }

    private static int label(float value, int item, List<String> classNames) {
        int label = Math.round(value);
        if (label != value) {
            throw new IllegalArgumentException("validation item " + item + " has label " + value
                    + ", not a class index");
        }
        LabelChecks.requireInRange(label, "the label of validation item " + item, classNames);
        return label;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Shape imageShape() {
        return imageShape;
    }

    @Override
    public float[] image(int index) {
        Objects.checkIndex(index, labels.length);
        try (NDManager manager = NDManager.newBaseManager()) {
            Iterator<Batch> batches = dataset.getData(manager, new OneItem(index)).iterator();
            try (Batch batch = batches.next()) {
                return batch.getData().head().toType(DataType.FLOAT32, false).toFloatArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read validation item " + index + ": " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalArgumentException("cannot read validation item " + index + ": " + e.getMessage(), e);
        }
    }

    /** A sampler giving one batch holding one item. */
    private record OneItem(long index) implements Sampler {

        @Override
        public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
            return List.of(List.of(index)).iterator();
        }

        @Override
        public int getBatchSize() {
            return 1;
        }
    }
}
