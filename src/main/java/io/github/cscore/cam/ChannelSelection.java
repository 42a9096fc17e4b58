package io.github.cscore.cam;

/**
 * How Score-CAM chooses the channels it masks when a top-K preselection is set.
 *
 * <p>Score-CAM's weights are a softmax over the masked scores, so a few channels carry most of the
 * map; a preselection is good when it keeps those. Which rule keeps them better is measured on a
 * trained network in {@code docs/performance.md}.
 */
public enum ChannelSelection {

    /** The K channels whose activation maps vary most over the image. Needs no gradients. */
    ACTIVATION_VARIANCE,

    /**
     * The K channels of largest first-order contribution to the target logit, mean(dy/dA_k) times
     * mean(A_k), the GradCAM term of the channel. Needs the gradients at the tap, which the pass
     * shared with the gradient techniques computes anyway.
     */
    GRADIENT_CONTRIBUTION
}
