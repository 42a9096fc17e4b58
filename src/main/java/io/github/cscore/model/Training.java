package io.github.cscore.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;

/**
 * DJL's training loop with a sound first-step check, for networks trained with a frozen backbone.
 *
 * <p>DJL's {@code Trainer.step()} checks once, at the first step, that the <em>signed sum</em> of
 * all trainable gradients is not exactly zero, to catch a forgotten {@code backward}. Under a
 * softmax cross-entropy loss, the gradient of a linear head sums to zero over the classes for every
 * feature and for the bias (the softmax outputs and the one-hot label both sum to one), so when
 * only that head is trainable, as in the transfer phase, the check passes or fails by rounding
 * alone, and a sound training run stops with "Gradient values are all zeros". Here the first step
 * checks instead that some trainable gradient is non-zero, which catches a forgotten {@code
 * backward} just as well, and then lets DJL's step run without its check.
 *
 * <pre>{@code
 * network.freezeBackbone(true);
 * try (Trainer trainer = model.newTrainer(config)) {
 *     Training.fit(trainer, epochs, trainingSet, validationSet);   // instead of EasyTrain.fit
 * }
 * }</pre>
 */
public final class Training {

    private static final Logger LOG = LoggerFactory.getLogger(Training.class);
    private static final Field GRADIENTS_CHECKED = gradientsCheckedField();

    private Training() {}

    /**
     * Trains like {@code EasyTrain.fit}: every batch of every epoch, then validation, then the
     * listeners' {@code onEpoch}; each step through {@link #step(Trainer, boolean)}.
     *
     * @param trainer the trainer
     * @param epochs the number of epochs
     * @param trainingSet the training data
     * @param validationSet the validation data, or null for none
     * @throws IOException if the data cannot be read
     * @throws TranslateException if a batch cannot be prepared
     * @throws IllegalStateException if no gradient reached any trainable parameter at the first
     *     step
     */
    public static void fit(Trainer trainer, int epochs, Dataset trainingSet, Dataset validationSet)
            throws IOException, TranslateException {
        boolean first = true;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : trainer.iterateDataset(trainingSet)) {
                try {
                    EasyTrain.trainBatch(trainer, batch);
                    step(trainer, first);
                    first = false;
                } finally {
                    batch.close();
                }
            }
            EasyTrain.evaluateDataset(trainer, validationSet);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    /**
     * Updates the parameters once, like {@code trainer.step()}. At the trainer's first step, pass
     * {@code firstStep}: it checks that some trainable gradient is non-zero and spares DJL's
     * signed-sum check, which a frozen backbone under a linear softmax head fails by rounding.
     *
     * @param trainer the trainer
     * @param firstStep true for the trainer's first step
     * @throws IllegalStateException at the first step, if every trainable gradient is zero (no
     *     backward pass, or nothing trainable on the path to the loss)
     */
    public static void step(Trainer trainer, boolean firstStep) {
        if (firstStep) {
            requireSomeGradient(trainer);
            markGradientsChecked(trainer);
        }
        trainer.step();
    }

    private static void requireSomeGradient(Trainer trainer) {
        for (Parameter parameter : trainer.getModel().getBlock().getParameters().values()) {
            if (parameter.requiresGradient() && parameter.isInitialized()) {
                NDArray gradient = parameter.getArray().getGradient();
                try {
                    if (gradient.abs().max().getFloat() > 0) {
                        return;
                    }
                } finally {
                    gradient.close();
                }
            }
        }
        throw new IllegalStateException("every trainable gradient is zero at the first step: call backward on the "
                + "loss inside a GradientCollector before the step, and check that some parameter is trainable");
    }

    /**
     * Sets DJL's private "gradients checked" flag, so that {@code Trainer.step()} skips its
     * signed-sum check. If a DJL version lacks the flag, its own check runs, with a warning.
     */
    private static void markGradientsChecked(Trainer trainer) {
        if (GRADIENTS_CHECKED == null) {
            return;
        }
        try {
            GRADIENTS_CHECKED.setBoolean(trainer, true);
        } catch (IllegalAccessException e) {
            LOG.warn("cannot skip DJL's first-step gradient check ({}); a frozen backbone under a linear softmax "
                    + "head may fail it by rounding", e.getMessage());
        }
    }

    private static Field gradientsCheckedField() {
        try {
            Field field = Trainer.class.getDeclaredField("gradientsChecked");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LoggerFactory.getLogger(Training.class).warn("this DJL version's Trainer has no 'gradientsChecked' flag "
                    + "({}); its own first-step check will run", e.toString());
            return null;
        }
    }
}
