package io.github.cscore.training;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;

import io.github.cscore.model.Network;
import io.github.cscore.model.Training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a training run does, phase by phase: the paper's transfer phase with the backbone frozen,
 * then fine-tuning, each for some epochs with a learning-rate schedule of its own. A plan is a
 * value: it holds no model and no data, so one plan serves many runs.
 *
 * <p>{@link #fit} trains a model by the plan with softmax cross-entropy and Adam: every {@link
 * TrainingStage} of every phase gets a trainer and an Adam of its own, as Keras recompiles a model
 * before fine-tuning. One Adam across the unfreeze would also make the run irreproducible: DJL
 * numbers the first steps of newly unfrozen parameters by an order that changes from run to run
 * (docs/monitor.md, "Phases"). Each stage trains with {@link Training#fit}, which a frozen backbone
 * needs.
 *
 * <pre>{@code
 * TrainingPlan plan = TrainingPlan.builder()
 *         .addPhase(TrainingPhase.transfer(1, LearningRateSchedule.constant(0.002f)))
 *         .addPhase(TrainingPhase.finetune(5, LearningRateSchedule.constant(0.002f)
 *                 .switchAfter(2, LearningRateSchedule.growingEachEpoch(0.005f, 3))))
 *         .build();
 * }</pre>
 */
public final class TrainingPlan {

    private final List<TrainingPhase> phases;

    private TrainingPlan(List<TrainingPhase> phases) {
        this.phases = List.copyOf(phases);
    }

    /**
     * Creates a builder of a plan with no phase yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The paper's plan: a transfer phase, then fine-tuning, both with one schedule (each phase
     * starts it afresh, with a new optimiser). Either phase may have 0 epochs, not both.
     *
     * @param transferEpochs the epochs with the backbone frozen, non-negative
     * @param finetuneEpochs the epochs with everything trainable, non-negative
     * @param learningRate the schedule of each phase
     * @return the plan
     * @throws IllegalArgumentException if an epoch count is negative, or both are 0
     */
    public static TrainingPlan transferThenFinetune(int transferEpochs, int finetuneEpochs,
            LearningRateSchedule learningRate) {
        return builder()
                .addPhase(TrainingPhase.transfer(transferEpochs, learningRate))
                .addPhase(TrainingPhase.finetune(finetuneEpochs, learningRate))
                .build();
    }

    /**
     * Returns the phases in order, those of 0 epochs included.
     *
     * @return the phases
     */
    public List<TrainingPhase> phases() {
        return phases;
    }

    /**
     * Returns the epochs of all phases: a monitor that scores every epoch makes as many checkpoints.
     *
     * @return the number of epochs, at least 1
     */
    public int epochs() {
        return phases.stream().mapToInt(TrainingPhase::epochs).sum();
    }

    /**
     * Trains a model by the plan. Before each phase the backbone is frozen or unfrozen as the
     * phase needs; at the end it is trainable. The listeners (a monitor, a checkpoint saver, a
     * progress bar) are added to every stage's trainer in the order given.
     *
     * @param model the model, whose block is the network's and whose parameters are initialised
     * @param network the network, for freezing its backbone
     * @param train the training data
     * @param validation data evaluated at the end of every epoch, or null for none
     * @param listeners the training listeners
     * @throws IOException if the data cannot be read
     * @throws TranslateException if a batch cannot be prepared
     */
    public void fit(Model model, Network network, Dataset train, Dataset validation, TrainingListener... listeners)
            throws IOException, TranslateException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        boolean frozen = network.isBackboneFrozen();
        for (TrainingPhase phase : phases) {
            if (phase.epochs() == 0) {
                continue;
            }
            if (phase.isBackboneFrozen() != frozen) {
                frozen = phase.isBackboneFrozen();
                network.freezeBackbone(frozen);
            }
            for (TrainingStage stage : phase.stages()) {
                fit(model, stage, train, validation, listeners);
            }
        }
        if (frozen) {
            network.freezeBackbone(false);
        }
    }

    private static void fit(Model model, TrainingStage stage, Dataset train, Dataset validation,
            TrainingListener... listeners) throws IOException, TranslateException {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(stage.learningRate()).build())
                .addEvaluator(new Accuracy())
                .addTrainingListeners(listeners);
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, stage.epochs(), train, validation);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return phases.stream().map(TrainingPhase::toString).collect(Collectors.joining("; "));
    }

    /** Builds a {@link TrainingPlan}. */
    public static final class Builder {

        private final List<TrainingPhase> phases = new ArrayList<>();

        private Builder() {}

        /**
         * Appends a phase. Phases run in the order added; the same kind may come more than once.
         *
         * @param phase the phase
         * @return this builder
         */
        public Builder addPhase(TrainingPhase phase) {
            phases.add(Objects.requireNonNull(phase, "phase"));
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return the plan
         * @throws IllegalArgumentException if the phases have no epoch between them
         */
        public TrainingPlan build() {
            if (phases.isEmpty()) {
                throw new IllegalArgumentException("a plan needs at least one phase (addPhase)");
            }
            if (phases.stream().mapToInt(TrainingPhase::epochs).sum() == 0) {
                throw new IllegalArgumentException("the plan trains no epoch: " + phases.stream()
                        .map(p -> p.phase().label() + "Epochs " + p.epochs()).collect(Collectors.joining(", ")));
            }
            return new TrainingPlan(phases);
        }
    }
}
