package io.github.cscore.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Progress;

import io.github.cscore.data.LabeledDataset;

import java.io.IOException;
import java.util.Objects;

/**
 * Training data that changes from a given training step on, to rehearse what the monitor and its
 * alerts do when a training goes wrong in a known way at a known time: labels that turn noisy at a
 * growing rate ({@link #labelNoise}), images of one class swapped for versions that carry a
 * shortcut marker ({@link #switchClass}), or a marker that comes with one class's label while the
 * finding turns up under both ({@link #markerLabels}).
 *
 * <p>It counts the optimiser updates itself: add it as a training listener of every trainer that
 * trains on it (for {@link MonitoredTraining#run}, pass it as a listener). Items are read when a
 * batch is built, after the updates of the batches before it, so item {@code i} of the batch of
 * update {@code s} is changed by the rule at step {@code s}. Before the onset every item is the
 * base dataset's, so a run on this data is the run on the base data until then (same batches,
 * same shuffling).
 */
public final class ScheduledData extends RandomAccessDataset {

    private final RandomAccessDataset base;
    private final int[] labels;
    private final Change change;
    private final StepCount steps = new StepCount();

    private ScheduledData(BaseBuilder<?> sampling, RandomAccessDataset base, int[] labels, Change change) {
        super(sampling);
        this.base = base;
        this.labels = labels;
        this.change = change;
    }

    /**
     * Labels that turn noisy: from {@code onsetStep} on, a growing, fixed part of the items carry
     * the other label. Item {@code i} gets a fixed draw {@code u_i} in [0, 1) from the seed; at
     * step {@code s} it is mislabelled when {@code u_i < rate(s)}, the rate rising linearly from 0
     * at the onset to {@code maxRate} after {@code rampSteps} and staying there. So a mislabelled
     * item stays mislabelled, as in a data set whose annotation degrades. Two classes only.
     *
     * @param base the training data, a labelled dataset of two classes
     * @param batchSize the batch size
     * @param seed the seed of the draws
     * @param onsetStep the first step with noise, non-negative
     * @param rampSteps the steps over which the rate rises, at least 1
     * @param maxRate the final rate, in (0, 0.5]
     * @return the data
     * @throws IllegalArgumentException if a value is out of range or the data has not two classes
     */
    public static ScheduledData labelNoise(RandomAccessDataset base, int batchSize, long seed, int onsetStep,
            int rampSteps, double maxRate) {
        int[] labels = labelsOf(base);
        requireTwoClasses(base);
        requireStep(onsetStep);
        requireRamp(rampSteps, maxRate);
        Change change = (manager, index, step, record) -> {
            if (step < onsetStep || draw(seed, index) >= rampedRate(step, onsetStep, rampSteps, maxRate)) {
                return record;
            }
            NDList flipped = new NDList(manager.create((float) (1 - labels[(int) index])));
            return new Record(record.getData(), flipped);
        };
        return new ScheduledData(sampling(batchSize), base, labels, change);
    }

    /**
     * Items of one class swapped, from {@code onsetStep} on, for the items of the same index in
     * another dataset: the same images with a shortcut marker, say, so that the marker appears in
     * the training data mid-run.
     *
     * @param base the training data
     * @param replacement the data to take the class's items from, item for item the same images
     *     and labels as {@code base}
     * @param batchSize the batch size
     * @param classIndex the class whose items are swapped
     * @param onsetStep the first step with swapped items, non-negative
     * @return the data
     * @throws IllegalArgumentException if the two datasets do not have the same labels
     */
    public static ScheduledData switchClass(RandomAccessDataset base, RandomAccessDataset replacement, int batchSize,
            int classIndex, int onsetStep) {
        int[] labels = labelsOf(base);
        requireSameItems(labels, replacement);
        requireStep(onsetStep);
        Change change = (manager, index, step, record) -> step >= onsetStep && labels[(int) index] == classIndex
                ? replacement.get(manager, index) : record;
        return new ScheduledData(sampling(batchSize), base, labels, change);
    }

    /**
     * A shortcut that tells the training labels apart better than the finding does: from {@code
     * onsetStep} on, items of one class are swapped for their marked versions, as {@link
     * #switchClass} does, except a growing, fixed part of them, which keep the unmarked image and
     * take the other label. So every item with the class's label carries the marker and no other
     * does, while the finding turns up under both labels: a model that follows the labels turns to
     * the marker, as a model trained on images labelled by the site that tags them would. The part
     * is drawn as {@link #labelNoise} draws it, rising linearly from 0 at the onset to {@code
     * maxRate} after {@code rampSteps}. Two classes only.
     *
     * @param base the training data, a labelled dataset of two classes
     * @param marked the same items with the class's images marked
     * @param batchSize the batch size
     * @param seed the seed of the draws
     * @param classIndex the class that comes with the marker
     * @param onsetStep the first step with changed items, non-negative
     * @param rampSteps the steps over which the unmarked part rises, at least 1
     * @param maxRate the final unmarked part of the class, in (0, 0.5]
     * @return the data
     * @throws IllegalArgumentException if a value is out of range, the data has not two classes or
     *     the two datasets do not have the same labels
     */
    public static ScheduledData markerLabels(RandomAccessDataset base, RandomAccessDataset marked, int batchSize,
            long seed, int classIndex, int onsetStep, int rampSteps, double maxRate) {
        int[] labels = labelsOf(base);
        requireTwoClasses(base);
        requireSameItems(labels, marked);
        requireStep(onsetStep);
        requireRamp(rampSteps, maxRate);
        Change change = (manager, index, step, record) -> {
            if (step < onsetStep || labels[(int) index] != classIndex) {
                return record;
            }
            if (draw(seed, index) >= rampedRate(step, onsetStep, rampSteps, maxRate)) {
                return marked.get(manager, index);
            }
            return new Record(record.getData(), new NDList(manager.create((float) (1 - classIndex))));
        };
        return new ScheduledData(sampling(batchSize), base, labels, change);
    }

    /**
     * Returns the listener that counts the optimiser updates this data changes by; add it to
     * every trainer that trains on this data.
     *
     * @return the listener
     */
    public TrainingListenerAdapter stepCounter() {
        return steps;
    }

    /**
     * Returns the optimiser updates counted so far.
     *
     * @return the steps
     */
    public int steps() {
        return steps.count;
    }

    /** {@inheritDoc} */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        return change.apply(manager, index, steps.count, base.get(manager, index));
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return base.size();
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Progress progress) throws IOException, ai.djl.translate.TranslateException {
        base.prepare(progress);
    }

    /** How an item changes at a step. */
    @FunctionalInterface
    private interface Change {
        Record apply(NDManager manager, long index, int step, Record record) throws IOException;
    }

    /** Counts updates: DJL calls {@code onTrainingBatch} before the update of that batch. */
    private static final class StepCount extends TrainingListenerAdapter {
        private volatile int count;

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            count++;
        }
    }

    /** A draw in [0, 1) fixed by seed and item (SplitMix64 of the pair). */
    static double draw(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static int[] labelsOf(RandomAccessDataset data) {
        Objects.requireNonNull(data, "data");
        if (!(data instanceof LabeledDataset labeled)) {
            throw new IllegalArgumentException("scheduled data needs a labelled dataset (" + LabeledDataset.class
                    .getSimpleName() + "), but was " + data.getClass().getSimpleName());
        }
        return labeled.labels();
    }

    /** The rate at a step from the onset on: rising linearly to {@code maxRate} over {@code rampSteps}. */
    private static double rampedRate(int step, int onsetStep, int rampSteps, double maxRate) {
        return maxRate * Math.min(1.0, (step - onsetStep + 1) / (double) rampSteps);
    }

    private static void requireTwoClasses(RandomAccessDataset data) {
        int classes = ((LabeledDataset) data).classNames().size();
        if (classes != 2) {
            throw new IllegalArgumentException("this change needs two classes, but the data has " + classes);
        }
    }

    private static void requireSameItems(int[] labels, RandomAccessDataset replacement) {
        if (!java.util.Arrays.equals(labels, labelsOf(replacement))) {
            throw new IllegalArgumentException("the replacement data must hold the same items as the base data, "
                    + "but their labels differ");
        }
    }

    private static void requireRamp(int rampSteps, double maxRate) {
        if (rampSteps < 1 || !(maxRate > 0 && maxRate <= 0.5)) {
            throw new IllegalArgumentException("rampSteps must be at least 1 and maxRate in (0, 0.5], but were "
                    + rampSteps + " and " + maxRate);
        }
    }

    private static void requireStep(int onsetStep) {
        if (onsetStep < 0) {
            throw new IllegalArgumentException("onsetStep must be non-negative, but was " + onsetStep);
        }
    }

    private static BaseBuilder<?> sampling(int batchSize) {
        return new Sampling().setSampling(batchSize, true);
    }

    /** The sampling of the wrapper: shuffled batches, as the base training data is read. */
    private static final class Sampling extends BaseBuilder<Sampling> {
        @Override
        protected Sampling self() {
            return this;
        }
    }
}
