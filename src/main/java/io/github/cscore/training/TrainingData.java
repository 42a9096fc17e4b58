package io.github.cscore.training;

import ai.djl.training.dataset.RandomAccessDataset;

import io.github.cscore.data.LabeledDataset;

import java.util.Objects;

/**
 * The images a monitored run trains on, and those its monitors draw their fixed sample from.
 * Already read, it is its own {@link TrainingDataSource}.
 *
 * @param train the training data, sampled in batches (shuffled, as training wants)
 * @param validation the validation data the monitors draw their sample from
 */
public record TrainingData(RandomAccessDataset train, LabeledDataset validation) implements TrainingDataSource {

    /**
     * Checks the values.
     *
     * @param train the training data, not null
     * @param validation the validation data, not null
     */
    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * Returns this data.
     *
     * @return this
     */
    @Override
    public TrainingData load() {
        return this;
    }
}
