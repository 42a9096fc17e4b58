package io.github.cscore.model;

import ai.djl.ndarray.NDArray;

import java.util.Map;
import java.util.Objects;

/**
 * What one pass through a {@link TappedModel} saw: the logits, and the activations and (after a
 * backward pass) the gradients at each tap. The arrays are detached from any autograd graph and
 * belong to the manager the pass was given.
 *
 * @param logits the logits, (N, classes)
 * @param activations tap name to activations, (N, channels, height, width)
 * @param gradients tap name to the gradient of each image's target logit with respect to the
 *     activations, same shape; empty after a forward-only pass
 */
public record TappedPass(
        NDArray logits, Map<String, NDArray> activations, Map<String, NDArray> gradients) {

    /**
     * Checks and copies the maps.
     *
     * @param logits the logits, (N, classes), not null
     * @param activations tap name to activations, (N, channels, height, width)
     * @param gradients tap name to gradients, same shape; empty after a forward-only pass
     */
    public TappedPass {
        Objects.requireNonNull(logits, "logits");
        activations = Map.copyOf(activations);
        gradients = Map.copyOf(gradients);
    }

    /**
     * Returns the activations at a tap.
     *
     * @param tap the tap name
     * @return the activations, (N, channels, height, width)
     * @throws IllegalArgumentException if there is no such tap
     */
    public NDArray activation(String tap) {
        NDArray array = activations.get(tap);
        if (array == null) {
            throw new IllegalArgumentException(
                    "unknown tap '" + tap + "'; taps are " + activations.keySet());
        }
        return array;
    }

    /**
     * Returns the gradients at a tap.
     *
     * @param tap the tap name
     * @return the gradients, (N, channels, height, width)
     * @throws IllegalArgumentException if there is no such tap
     * @throws IllegalStateException if the pass had no backward step
     */
    public NDArray gradient(String tap) {
        activation(tap);
        NDArray array = gradients.get(tap);
        if (array == null) {
            throw new IllegalStateException("the pass was forward-only: no gradient at '" + tap + "'");
        }
        return array;
    }

    /**
     * Tells whether the pass had a backward step.
     *
     * @return true if gradients are present
     */
    public boolean hasGradients() {
        return !gradients.isEmpty();
    }
}
