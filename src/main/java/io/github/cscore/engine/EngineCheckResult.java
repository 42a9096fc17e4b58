package io.github.cscore.engine;

/**
 * What an {@link EngineCheck} found.
 *
 * @param batchesRight true if batched computations agreed with their reference within {@link
 *     EngineCheck#TOLERANCE}
 * @param singleImagesRight true if single-image convolutions large enough for the engine to hand
 *     them to oneDNN agreed with their reference
 * @param worstError the largest disagreement found, relative as described by {@link EngineCheck}
 * @param worstCase the computation that disagreed most, with its shape and error
 * @param comparisons how many arrays were compared
 */
public record EngineCheckResult(
        boolean batchesRight, boolean singleImagesRight, double worstError, String worstCase, int comparisons) {

    /**
     * Tells whether everything agreed: batches can be computed whole.
     *
     * @return true if the check passed
     */
    public boolean passed() {
        return batchesRight && singleImagesRight;
    }

    /**
     * Tells whether explanations must be computed the safe way, one image at a time
     * ({@code CamExplainer.Builder.optOneImageAtATime}): batches are wrong, single images right.
     *
     * @return true if only batched computations failed
     */
    public boolean useSafePath() {
        return !batchesRight && singleImagesRight;
    }

    /**
     * Tells whether this process has any correct way to compute explanations. When it has none,
     * convolutions are wrong for single images as well, forward passes included, and no map,
     * prediction or gradient of this process should be published; only restarting the JVM with
     * the instruction-set cap helps ({@link EngineRemedy}).
     *
     * @return false if batches and single images both failed
     */
    public boolean hasCorrectPath() {
        return batchesRight || singleImagesRight;
    }

    /**
     * One line for a log: the outcome and the worst comparison.
     *
     * @return the summary
     */
    public String summary() {
        String outcome = passed() ? "engine check passed"
                : useSafePath() ? "engine check FAILED for batches" : "engine check FAILED";
        return outcome + " (" + comparisons + " comparisons; worst " + worstCase + ")";
    }

    /**
     * The warning a failed check logs: what is wrong, what follows for explanations, and how to
     * fix the process.
     *
     * @return the warning text
     */
    public String warning() {
        String consequence = hasCorrectPath()
                ? "computes batched convolutions wrongly in this process (" + worstCase + "). Explanations"
                        + " must be computed one image at a time, which it gets right; training gradients are wrong."
                : "computes convolutions wrongly in this process, for single images as well as batches ("
                        + worstCase + "). No explanation, prediction or training gradient of this process can be"
                        + " trusted.";
        String crash = EngineRemedy.isCacheTopologyHidden() && !EngineRemedy.isSafeIsaSet()
                ? " This CPU hides its cache topology, which also makes a backward pass through a 1x1"
                        + " stride-2 convolution of 512 or more channels (ResNet-50's down-sampling) kill the"
                        + " JVM with SIGFPE."
                : "";
        return "The deep-learning engine " + consequence + crash + " Remedy: start the JVM with "
                + EngineRemedy.VARIABLE + "=" + EngineRemedy.SAFE_ISA + " in its environment (now: "
                + EngineRemedy.isaCap().orElse("unset") + "); the cscore command does this itself."
                + " See docs/engine.md.";
    }
}
