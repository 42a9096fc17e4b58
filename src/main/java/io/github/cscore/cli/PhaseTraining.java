package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

import io.github.cscore.model.Training;

import java.io.IOException;

/** How the commands train one phase: softmax cross-entropy, Adam at a fixed rate, a trainer of its own. */
final class PhaseTraining {

    private PhaseTraining() {}

    /**
     * Runs one phase with a trainer and an optimiser of its own, as Keras recompiles the model
     * for fine-tuning. One Adam across the unfreeze would also make the run irreproducible: DJL
     * numbers the first steps of newly unfrozen parameters by an order that changes from run to
     * run (docs/monitor.md, "Phases").
     */
    static void fit(Model model, RandomAccessDataset train, int epochs, float learningRate,
            TrainingListener... listeners) throws IOException, TranslateException {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
                .addEvaluator(new Accuracy())
                .addTrainingListeners(listeners);
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, epochs, train, null);
        }
    }
}
