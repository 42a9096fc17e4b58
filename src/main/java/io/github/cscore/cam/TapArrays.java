package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import java.util.Objects;

/**
 * The activations at one tap and, if a backward pass ran, the gradients of each image's target
 * logit with respect to them.
 *
 * @param name the tap name
 * @param activations (N, C, h, w)
 * @param gradients (N, C, h, w), or null after a forward-only pass
 * @param gradientProblem why the gradients must not be used (for example: identically zero), or
 *     null if they can be
 */
public record TapArrays(String name, NDArray activations, NDArray gradients, String gradientProblem) {

    /**
     * Checks the components.
     *
     * @param name the tap name, not null
     * @param activations the activations, (N, C, h, w), not null
     * @param gradients the gradients, (N, C, h, w), or null after a forward-only pass
     * @param gradientProblem why the gradients must not be used, or null if they can be
     */
    public TapArrays {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activations, "activations");
    }

    /**
     * Creates tap arrays whose gradients, if any, can be used.
     *
     * @param name the tap name, not null
     * @param activations the activations, (N, C, h, w), not null
     * @param gradients the gradients, (N, C, h, w), or null after a forward-only pass
     */
    public TapArrays(String name, NDArray activations, NDArray gradients) {
        this(name, activations, gradients, null);
    }

    /**
     * Returns the gradients.
     *
     * @return the gradients, (N, C, h, w)
     * @throws IllegalStateException if the pass had no backward step, or the gradients must not
     *     be used (see {@link #gradientProblem()})
     */
    @Override
    public NDArray gradients() {
        if (gradients == null) {
            throw new IllegalStateException("no gradients at tap '" + name + "': forward-only pass");
        }
        if (gradientProblem != null) {
            throw new IllegalStateException(gradientProblem);
        }
        return gradients;
    }
}
