package io.github.cscore.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.cscore.engine.ConvolutionProbe.Convolution;
import io.github.cscore.model.TappedModel;
import io.github.cscore.model.TappedPass;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * A quick self-check of the engine's convolutions: are batched results right in this process?
 *
 * <p>{@link #run()} computes a few small convolutions with their input and weight gradients, on
 * seeded random data, and compares them with a direct double-precision computation, element by
 * element: |engine - reference| / (1 + |reference|). Batches of two show whether batches can be
 * computed whole; single images of more than 20,480 values show whether computing one image at a
 * time helps (PyTorch 2.7.1 hands a single image to oneDNN only above that size or with a kernel
 * larger than 3x3, so smaller ones never meet the fault). {@link #checkNetwork} compares a
 * network's own batched pass with one image at a time, relative to each array's largest
 * magnitude. A correct float32 engine stays below 1e-4 on both; the faulty oneDNN of
 * docs/engine.md is off by more than 1.
 *
 * <p>A failed check logs one warning naming the remedy. The caller then switches explanations to
 * the safe path ({@link EngineCheckResult#useSafePath()}), or, if the process has no correct path
 * at all ({@link EngineCheckResult#hasCorrectPath()}), publishes none. Like any backward pass with
 * the PyTorch engine, a check must not run while a training step holds a gradient collector open.
 * Neither check changes parameters or draws from the engine's random generator.
 */
public final class EngineCheck {

    /** Largest disagreement a passing check allows (relative; see the class description). */
    public static final double TOLERANCE = 1e-3;

    /**
     * The batch probes. On the faulty machine the first is wrong on every draw (forward and input
     * gradient), the second, from the original report, on most draws, the third on some.
     */
    static final List<ConvolutionCase> CASES = List.of(
            new ConvolutionCase(2, 20, 8, 4, 3, 1, 1),
            new ConvolutionCase(2, 4, 6, 4, 3, 1, 1),
            new ConvolutionCase(2, 16, 8, 7, 3, 1, 1));
    /**
     * The single-image probes, 24,576 and 25,600 values: on the faulty machine the first is wrong
     * on every draw (forward and input gradient), the second's input gradient on most.
     */
    static final List<ConvolutionCase> SINGLE_IMAGE_CASES = List.of(
            new ConvolutionCase(1, 24, 8, 32, 3, 1, 1),
            new ConvolutionCase(1, 16, 8, 40, 3, 1, 1));
    /** Draws of data per batch probe: the intermittent ones are wrong on about 70 % of draws here. */
    static final int REPETITIONS = 8;
    /** Draws of data per single-image probe, whose first one is wrong on every draw here. */
    static final int SINGLE_IMAGE_REPETITIONS = 2;
    private static final long SEED = 14;
    private static final Logger LOG = LoggerFactory.getLogger(EngineCheck.class);

    private static EngineCheckResult processResult;

    private EngineCheck() {}

    /**
     * Checks the engine's convolutions, once per process: later calls return the first result
     * without computing or logging again. Takes a fraction of a second (docs/engine.md).
     *
     * @return the result; on failure a warning has been logged
     * @throws IllegalStateException if a gradient collector is open in this process
     */
    public static synchronized EngineCheckResult run() {
        if (processResult == null) {
            try (NDManager manager = NDManager.newBaseManager()) {
                processResult = logged(probeAll(ConvolutionProbe.engine(manager)));
            }
        }
        return processResult;
    }

    /** Every probe, each with its number of draws, through the given convolution. */
    static EngineCheckResult probeAll(Convolution convolution) {
        ConvolutionFinding batches = probe(convolution, CASES, REPETITIONS);
        ConvolutionFinding singles = probe(convolution, SINGLE_IMAGE_CASES, SINGLE_IMAGE_REPETITIONS);
        ConvolutionFinding worst = batches.worse(singles);
        int comparisons = 3 * (REPETITIONS * CASES.size() + SINGLE_IMAGE_REPETITIONS * SINGLE_IMAGE_CASES.size());
        return new EngineCheckResult(batches.error() <= TOLERANCE, singles.error() <= TOLERANCE, worst.error(),
                worst.toString(), comparisons);
    }

    private static ConvolutionFinding probe(Convolution convolution, List<ConvolutionCase> cases, int draws) {
        ConvolutionFinding worst = new ConvolutionFinding("nothing", 0);
        for (int draw = 0; draw < draws; draw++) {
            for (ConvolutionCase shape : cases) {
                worst = worst.worse(ConvolutionProbe.probe(convolution, shape, SEED + draw));
            }
        }
        return worst;
    }

    /**
     * Checks a network's own batched pass against one image at a time: logits, and activations
     * and gradients at every tap. Costs one pass over the batch and one per image; a faulty
     * engine can be right on one network and wrong on another, so this complements {@link #run()}.
     * It cannot tell whether single images are right (both could be wrong alike), so the result's
     * {@code singleImagesRight} is {@link #run()}'s.
     *
     * @param model the tapped model, running batches whole
     * @param images at least two images, (N, channels, height, width)
     * @param targets the class to explain for each image
     * @return the result; on failure a warning has been logged
     * @throws IllegalStateException if a gradient collector is open in this process
     * @throws IllegalArgumentException if fewer than two images are given or the model runs one
     *     image at a time
     */
    public static EngineCheckResult checkNetwork(TappedModel model, NDArray images, int[] targets) {
        Objects.requireNonNull(model, "model");
        if (model.isOneImageAtATime()) {
            throw new IllegalArgumentException("model must run batches whole to be checked, but runs one image at a time");
        }
        long batch = images.getShape().get(0);
        if (batch < 2) {
            throw new IllegalArgumentException("images must hold at least 2 images, but held " + batch);
        }
        try (NDManager scope = images.getManager().newSubManager()) {
            TappedPass whole = model.forwardBackward(scope, images, targets);
            ConvolutionFinding worst = new ConvolutionFinding("nothing", 0);
            for (int i = 0; i < batch; i++) {
                NDArray image = images.get(i + ":" + (i + 1));
                image.attach(scope);
                TappedPass alone = model.forwardBackward(scope, image, new int[] {targets[i]});
                worst = worst.worse(compare("image " + i + ", logits", whole.logits(), alone.logits(), i));
                for (String tap : model.tapNames()) {
                    String where = "image " + i + ", tap " + tap;
                    worst = worst.worse(compare(where + " activations", whole.activation(tap), alone.activation(tap), i))
                            .worse(compare(where + " gradients", whole.gradient(tap), alone.gradient(tap), i));
                }
            }
            boolean singleImagesRight = run().singleImagesRight();
            return logged(new EngineCheckResult(worst.error() <= TOLERANCE, singleImagesRight, worst.error(),
                    worst.toString(), (int) batch * (1 + 2 * model.tapNames().size())));
        }
    }

    private static ConvolutionFinding compare(String what, NDArray batch, NDArray single, int image) {
        return ConvolutionFinding.scaled("batched vs single " + what, batch.get(image).toFloatArray(),
                single.toFloatArray());
    }

    private static EngineCheckResult logged(EngineCheckResult result) {
        if (result.passed()) {
            LOG.debug(result.summary());
        } else {
            LOG.warn(result.warning());
        }
        return result;
    }
}
