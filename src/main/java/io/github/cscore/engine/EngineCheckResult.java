package io.github.cscore.engine;

/**
 * What an {@link EngineCheck} found.
 *
 * @param passed true if every comparison agreed within {@link EngineCheck#TOLERANCE}
 * @param worstError the largest disagreement found, relative as described by {@link EngineCheck}
 * @param worstCase the computation that disagreed most, with its shape and error
 * @param comparisons how many arrays were compared
 */
public record EngineCheckResult(boolean passed, double worstError, String worstCase, int comparisons) {

    /**
     * Tells whether gradients must be computed the safe way, one image at a time
     * ({@code CamExplainer.Builder.optOneImageAtATime}).
     *
     * @return true if the check failed
     */
    public boolean useSafePath() {
        return !passed;
    }

    /**
     * One line for a log: the outcome and the worst comparison.
     *
     * @return the summary
     */
    public String summary() {
        return (passed ? "engine check passed" : "engine check FAILED") + " (" + comparisons
                + " comparisons; worst " + worstCase + ")";
    }

    /**
     * The warning a failed check logs: what is wrong, what the project does about it, and how to
     * fix the process.
     *
     * @return the warning text
     */
    public String warning() {
        String crash = EngineRemedy.isCacheTopologyHidden() && !EngineRemedy.isSafeIsaSet()
                ? " This CPU also hides its cache topology, which makes a backward pass through a 1x1"
                        + " stride-2 convolution of 512 or more channels (ResNet-50's down-sampling) kill"
                        + " the JVM with SIGFPE."
                : "";
        return "The deep-learning engine computes batched convolutions wrongly in this process ("
                + worstCase + "). Explanations must now be computed one image at a time; training"
                + " gradients are wrong too." + crash + " Remedy: start the JVM with "
                + EngineRemedy.VARIABLE + "=" + EngineRemedy.SAFE_ISA + " in its environment (now: "
                + EngineRemedy.isaCap().orElse("unset") + "); the cscore command does this itself."
                + " See docs/engine.md.";
    }
}
