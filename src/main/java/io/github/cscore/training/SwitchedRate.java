package io.github.cscore.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One schedule for the first epochs of a phase, another for the rest ({@link LearningRateSchedule#switchAfter}). */
record SwitchedRate(LearningRateSchedule first, int switchAfter, LearningRateSchedule next)
        implements LearningRateSchedule {

    SwitchedRate {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(next, "next");
        if (switchAfter < 0) {
            throw new IllegalArgumentException("switchAfter must be non-negative, but was " + switchAfter);
        }
    }

    @Override
    public List<TrainingStage> stages(int epochs) {
        // A switch at or after the end would leave the second schedule out without a word.
        if (switchAfter >= epochs) {
            throw new IllegalArgumentException("switchAfter must be below the epochs of the phase (" + epochs
                    + "), but was " + switchAfter);
        }
        List<TrainingStage> stages = new ArrayList<>(first.stages(switchAfter));
        stages.addAll(next.stages(epochs - switchAfter));
        return List.copyOf(stages);
    }
}
