package io.github.cscore.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Temporarily stops every parameter of a block from requiring a gradient, and puts each back as
 * it was.
 *
 * <p>A backward pass otherwise accumulates gradients onto every parameter, and closing or opening
 * a gradient collector does not clear them: an explanation computed between training steps would
 * leak into the next optimiser step. With the parameters switched off, autograd records nothing
 * for them and any gradient they already hold is left untouched.
 */
final class FrozenParameters {

    private final List<NDArray> switchedOff;

    private FrozenParameters(List<NDArray> switchedOff) {
        this.switchedOff = switchedOff;
    }

    /** Switches off gradients on every initialised parameter that requires one. */
    static FrozenParameters freeze(Block block) {
        List<NDArray> switchedOff = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.isInitialized() && parameter.getArray().hasGradient()) {
                parameter.getArray().setRequiresGradient(false);
                switchedOff.add(parameter.getArray());
            }
        }
        return new FrozenParameters(switchedOff);
    }

    /** Makes the parameters switched off by {@link #freeze} require a gradient again. */
    void restore() {
        switchedOff.forEach(array -> array.setRequiresGradient(true));
    }
}
