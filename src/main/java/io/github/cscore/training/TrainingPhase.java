package io.github.cscore.training;

import io.github.cscore.result.Phase;

import java.util.List;
import java.util.Objects;

/**
 * One phase of a {@link TrainingPlan}: transfer learning with the backbone frozen, or fine-tuning
 * with everything trainable, for some epochs, with a learning-rate schedule of its own. A phase of
 * 0 epochs is part of the plan but trains nothing.
 */
public final class TrainingPhase {

    private final Phase phase;
    private final int epochs;
    private final LearningRateSchedule learningRate;
    private final List<TrainingStage> stages;

    private TrainingPhase(Phase phase, int epochs, LearningRateSchedule learningRate) {
        this.phase = phase;
        this.epochs = epochs;
        this.learningRate = Objects.requireNonNull(learningRate, "learningRate");
        if (epochs < 0) {
            throw new IllegalArgumentException(phase.label() + "Epochs must be non-negative, but was " + epochs);
        }
        // Split now, so that a schedule that does not fit the phase fails before any training.
        this.stages = List.copyOf(learningRate.stages(epochs));
        int staged = stages.stream().mapToInt(TrainingStage::epochs).sum();
        if (staged != epochs) {
            throw new IllegalArgumentException("the learning-rate schedule " + learningRate + " splits the "
                    + epochs + " epochs of the " + phase.label() + " phase into stages of " + staged);
        }
    }

    /**
     * Transfer learning: the backbone is frozen and only the head trains.
     *
     * @param epochs the epochs of the phase, non-negative
     * @param learningRate the learning-rate schedule of the phase
     * @return the phase
     * @throws IllegalArgumentException if the epochs are negative or the schedule does not fit them
     */
    public static TrainingPhase transfer(int epochs, LearningRateSchedule learningRate) {
        return new TrainingPhase(Phase.TRANSFER, epochs, learningRate);
    }

    /**
     * Fine-tuning: the backbone trains too.
     *
     * @param epochs the epochs of the phase, non-negative
     * @param learningRate the learning-rate schedule of the phase
     * @return the phase
     * @throws IllegalArgumentException if the epochs are negative or the schedule does not fit them
     */
    public static TrainingPhase finetune(int epochs, LearningRateSchedule learningRate) {
        return new TrainingPhase(Phase.FINETUNE, epochs, learningRate);
    }

    /**
     * Returns which phase this is, as the monitor reports it.
     *
     * @return {@link Phase#TRANSFER} or {@link Phase#FINETUNE}
     */
    public Phase phase() {
        return phase;
    }

    /**
     * Returns the number of epochs.
     *
     * @return the epochs, non-negative
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the learning-rate schedule.
     *
     * @return the schedule
     */
    public LearningRateSchedule learningRate() {
        return learningRate;
    }

    /**
     * Returns the stages the phase is trained in, each with a new trainer and optimiser.
     *
     * @return the stages, none for 0 epochs
     */
    public List<TrainingStage> stages() {
        return stages;
    }

    /**
     * Tells whether the backbone is frozen during this phase.
     *
     * @return true for the transfer phase
     */
    public boolean isBackboneFrozen() {
        return phase == Phase.TRANSFER;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return phase.label() + " " + epochs + " epochs, " + learningRate;
    }
}
