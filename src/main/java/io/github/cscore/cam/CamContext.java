package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a technique may use to explain a batch: the input images, their target classes, the taps,
 * a way to run the model on other inputs (for Score-CAM's masked inputs) and a deadline check.
 *
 * <p>Arrays created from it belong to {@link #manager()}, which is closed after the technique's
 * raw maps have been read.
 */
public final class CamContext {

    private final NDManager manager;
    private final NDArray input;
    private final int[] targets;
    private final TapArrays primary;
    private final List<TapArrays> multiScale;
    private final UnaryOperator<NDArray> logits;
    private final long largestActivation;
    private final Runnable deadlineCheck;

    CamContext(
            NDManager manager,
            NDArray input,
            int[] targets,
            TapArrays primary,
            List<TapArrays> multiScale,
            UnaryOperator<NDArray> logits,
            long largestActivation,
            Runnable deadlineCheck) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.input = Objects.requireNonNull(input, "input");
        this.targets = targets.clone();
        this.primary = Objects.requireNonNull(primary, "primary");
        this.multiScale = List.copyOf(multiScale);
        this.logits = Objects.requireNonNull(logits, "logits");
        this.largestActivation = largestActivation;
        this.deadlineCheck = Objects.requireNonNull(deadlineCheck, "deadlineCheck");
    }

    /**
     * Returns the manager for arrays the technique creates.
     *
     * @return the manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Returns the images being explained, as fed to the model.
     *
     * @return the input, (N, channels, height, width)
     */
    public NDArray input() {
        return input;
    }

    /**
     * Returns the target class of each image.
     *
     * @return a copy of the target classes
     */
    public int[] targets() {
        return targets.clone();
    }

    /**
     * Returns the primary tap: the last spatial feature map before global pooling.
     *
     * @return the primary tap
     */
    public TapArrays primary() {
        return primary;
    }

    /**
     * Returns the taps that multi-scale techniques fuse, coarsest last.
     *
     * @return the multi-scale taps
     */
    public List<TapArrays> multiScale() {
        return multiScale;
    }

    /**
     * Runs the model in inference mode on other inputs, for example masked copies of an image: no
     * autograd graph is recorded, whatever the calling thread's gradient mode. Any memory layout is
     * accepted; a channels-last batch (an NHWC array seen through {@code transpose(0, 3, 1, 2)})
     * runs the model's convolutions channels-last.
     *
     * @param batch inputs of the model's channels, (B, channels, height, width); the height and
     *     width may differ from the model's input size if its layers accept them (a global pooling
     *     head does)
     * @return the logits, (B, classes)
     */
    public NDArray logits(NDArray batch) {
        return logits.apply(batch);
    }

    /**
     * Returns the number of values in one image's largest activation inside the model, as far as
     * its structure shows ({@link io.github.cscore.model.TappedModel#largestActivation()}): what a
     * technique that runs the model on batches of other inputs needs to size its batches.
     *
     * @return the number of values, or -1 if unknown
     */
    public long largestActivation() {
        return largestActivation;
    }

    /**
     * Throws if the time budget of the current explanation is spent. Techniques that loop over
     * many model calls call it between calls, since native calls cannot be interrupted.
     *
     * @throws DeadlineExceededException if the budget is spent
     */
    public void checkDeadline() {
        deadlineCheck.run();
    }
}
