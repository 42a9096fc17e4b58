package io.github.cscore.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

import java.util.List;
import java.util.Objects;

/**
 * A dataset whose images were all decoded when it was built and live in a {@link PixelStore}:
 * items, labels and images are read from the store, and there is nothing left to prepare.
 */
abstract class StoredImageDataset extends RandomAccessDataset implements LabeledDataset {

    private final List<String> classNames;
    private final PixelStore store;

    StoredImageDataset(BaseBuilder<?> builder, List<String> classNames, PixelStore store) {
        super(builder);
        this.classNames = List.copyOf(classNames);
        this.store = store;
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) {
        return store.record(manager, Math.toIntExact(index));
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return store.size();
    }

    /** Does nothing: every image was decoded when the dataset was built. */
    @Override
    public void prepare(Progress progress) {}

    /** {@inheritDoc} */
    @Override
    public int[] labels() {
        return store.labels(Math.toIntExact(size()));
    }

    /** {@inheritDoc} */
    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** {@inheritDoc} */
    @Override
    public Shape imageShape() {
        return store.shape();
    }

    /** {@inheritDoc} */
    @Override
    public float[] image(int index) {
        Objects.checkIndex(index, Math.toIntExact(size()));
        return store.image(index);
    }

    /** The pixel store, for subclasses reporting on it. */
    PixelStore store() {
        return store;
    }
}
