package io.github.cscore.training;

import ai.djl.training.tracker.Tracker;

import java.util.List;

/**
 * How the learning rate of one training phase evolves, as the {@link TrainingStage}s the phase is
 * trained in: each stage is a trainer with a new optimiser and a rate tracker of its own.
 *
 * <p>The built-in schedules compose: the collapse scenario of {@code cscore study}, healthy for
 * two fine-tuning epochs and then a rate that triples every epoch, is
 *
 * <pre>{@code
 * LearningRateSchedule.constant(0.002f).switchAfter(2, LearningRateSchedule.growingEachEpoch(0.005f, 3));
 * }</pre>
 *
 * <p>A schedule of one's own (a warm-up that runs away within an epoch, a rate that restarts at
 * set epochs) implements {@link #stages(int)}; a rate that changes at every update within one
 * optimiser is {@link #perUpdate(Tracker)} with any DJL {@link Tracker}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Splits a phase into the stages it is trained in.
     *
     * @param epochs the epochs of the phase, non-negative
     * @return the stages in order, whose epochs add up to {@code epochs}; none for 0 epochs
     * @throws IllegalArgumentException if the schedule does not fit a phase of that length
     */
    List<TrainingStage> stages(int epochs);

    /**
     * One optimiser for the whole phase, at a fixed rate.
     *
     * @param learningRate the rate, positive and finite
     * @return the schedule
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    static LearningRateSchedule constant(float learningRate) {
        return new ConstantRate(learningRate);
    }

    /**
     * One optimiser for the whole phase, at the rate the tracker gives at each update: a rate that
     * grows or decays step by step, a warm-up, a cosine schedule.
     *
     * @param tracker the rate per update, a DJL tracker such as {@code Tracker.cosine()} or one's
     *     own, for a rate that grows 1% per step {@code update -> 1e-3f * (float) Math.pow(1.01,
     *     update)}
     * @return the schedule
     */
    static LearningRateSchedule perUpdate(Tracker tracker) {
        return new TrackedRate(tracker);
    }

    /**
     * A rate multiplied by a growth factor after every epoch, each epoch with a new optimiser:
     * epoch k of the phase (from 0) trains at {@code startRate} times {@code growthFactor} to the
     * power k, multiplied out in {@code float} epoch by epoch. A factor of 1 is {@link
     * #constant(float)}: one optimiser for the whole phase. Above 1 it is a schedule that goes wrong
     * step by step, as a runaway warm-up does: the collapse scenario of {@code cscore study}.
     *
     * @param startRate the rate of the first epoch, positive and finite
     * @param growthFactor the factor after every epoch, at least 1 and finite
     * @return the schedule
     * @throws IllegalArgumentException if a value is out of range
     */
    static LearningRateSchedule growingEachEpoch(float startRate, float growthFactor) {
        return new GrowingRate(startRate, growthFactor);
    }

    /**
     * This schedule for the first epochs of the phase, then another for the rest.
     *
     * @param epochs the epochs trained with this schedule, non-negative and below the epochs of the
     *     phase (checked when the phase is made)
     * @param next the schedule of the remaining epochs
     * @return the combined schedule
     * @throws IllegalArgumentException if {@code epochs} is negative
     */
    default LearningRateSchedule switchAfter(int epochs, LearningRateSchedule next) {
        return new SwitchedRate(this, epochs, next);
    }
}
