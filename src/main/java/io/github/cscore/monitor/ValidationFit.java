package io.github.cscore.monitor;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;

/**
 * Checks, when the monitor is built, that the validation images fit the network: the right input
 * shape and one logit per class. Without it a mismatch would surface only at checkpoints, each one
 * skipped as an error.
 */
final class ValidationFit {

    private ValidationFit() {}

    static void require(Block block, Shape imageShape, List<String> classNames) {
        Shape batch = new Shape(1).addAll(imageShape);
        if (block.isInitialized()) {
            Shape expected = block.describeInput().get(0).getValue().slice(1);
            if (!expected.equals(imageShape)) {
                throw new IllegalArgumentException("validation images have shape " + imageShape
                        + " but the network takes " + expected);
            }
        }
        Shape logits;
        try {
            logits = block.getOutputShapes(new Shape[] {batch})[0];
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("validation images of shape " + imageShape
                    + " do not fit the network: " + e.getMessage(), e);
        }
        if (logits.dimension() != 2 || logits.get(1) != classNames.size()) {
            throw new IllegalArgumentException("the network outputs " + logits.slice(1) + " per image but the "
                    + "validation data has " + classNames.size() + " classes " + classNames
                    + "; the network must output one logit per class");
        }
    }
}
