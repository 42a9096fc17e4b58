package io.github.cscore.training;

import ai.djl.training.tracker.Tracker;

import java.util.List;
import java.util.Objects;

/** One optimiser for the whole phase, its rate given per update ({@link LearningRateSchedule#perUpdate}). */
record TrackedRate(Tracker tracker) implements LearningRateSchedule {

    TrackedRate {
        Objects.requireNonNull(tracker, "tracker");
    }

    @Override
    public List<TrainingStage> stages(int epochs) {
        return epochs == 0 ? List.of() : List.of(new TrainingStage(epochs, tracker));
    }
}
