package io.github.cscore.training;

import ai.djl.training.tracker.Tracker;

import java.util.Objects;

/**
 * Epochs trained by one trainer with an optimiser of its own, whose learning rate the tracker
 * gives at every update. A new stage starts a new optimiser (its moment estimates and step count
 * start afresh), as Keras does when a model is compiled again.
 *
 * @param epochs the number of epochs, at least 1
 * @param learningRate the learning rate per update
 */
public record TrainingStage(int epochs, Tracker learningRate) {

    /**
     * Checks the values.
     *
     * @param epochs the number of epochs, at least 1
     * @param learningRate the learning rate per update, not null
     * @throws IllegalArgumentException if there is no epoch
     */
    public TrainingStage {
        Objects.requireNonNull(learningRate, "learningRate");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs of a stage must be at least 1, but was " + epochs);
        }
    }
}
