package io.github.cscore.training;

import ai.djl.training.tracker.Tracker;

import java.util.List;

/** One optimiser for the whole phase at a fixed rate ({@link LearningRateSchedule#constant}). */
record ConstantRate(float learningRate) implements LearningRateSchedule {

    ConstantRate {
        requirePositive("learningRate", learningRate);
    }

    @Override
    public List<TrainingStage> stages(int epochs) {
        return epochs == 0 ? List.of() : List.of(new TrainingStage(epochs, Tracker.fixed(learningRate)));
    }

    static void requirePositive(String name, float rate) {
        if (!(rate > 0) || Float.isInfinite(rate)) {
            throw new IllegalArgumentException(name + " must be positive and finite, but was " + rate);
        }
    }
}
