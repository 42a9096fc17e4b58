package io.github.cscore.training;

import ai.djl.training.tracker.Tracker;

import java.util.ArrayList;
import java.util.List;

/** A new optimiser every epoch at a rate that grows by a factor ({@link LearningRateSchedule#growingEachEpoch}). */
record GrowingRate(float startRate, float growthFactor) implements LearningRateSchedule {

    GrowingRate {
        ConstantRate.requirePositive("startRate", startRate);
        if (!(growthFactor >= 1) || Float.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("growthFactor must be at least 1 and finite, but was " + growthFactor);
        }
    }

    @Override
    public List<TrainingStage> stages(int epochs) {
        if (growthFactor == 1) {
            return new ConstantRate(startRate).stages(epochs);
        }
        List<TrainingStage> stages = new ArrayList<>();
        float rate = startRate;
        for (int epoch = 0; epoch < epochs; epoch++) {
            stages.add(new TrainingStage(1, Tracker.fixed(rate)));
            rate *= growthFactor;
        }
        return List.copyOf(stages);
    }
}
