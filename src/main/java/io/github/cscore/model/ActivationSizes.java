package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

/**
 * The size of the largest activation of one image inside a block, from output shapes alone: the
 * output of every block reached through sequential blocks and through branches that all read the
 * same input ({@link Branches}, DJL's {@code ParallelBlock}). A block whose inside is hidden (a
 * TorchScript module, a custom block) counts by its input and output.
 */
final class ActivationSizes {

    private ActivationSizes() {}

    /**
     * Returns the number of values of one image's largest activation.
     *
     * @param block an initialised block
     * @param inputShape one image's input shape, without the batch dimension
     * @return the number of values, or -1 if a block cannot compute its output shape
     */
    static long largest(Block block, Shape inputShape) {
        try {
            return walk(block, new Shape(1).addAll(inputShape));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The largest of the input, the block's output and, where visible, its children's. */
    private static long walk(Block block, Shape input) {
        long largest = input.size();
        if (block instanceof SequentialBlock) {
            Shape current = input;
            for (Pair<String, Block> child : block.getChildren()) {
                largest = Math.max(largest, walk(child.getValue(), current));
                current = child.getValue().getOutputShapes(new Shape[] {current})[0];
            }
            return Math.max(largest, current.size());
        }
        if (block instanceof Branches || block instanceof ParallelBlock) {
            for (Pair<String, Block> branch : block.getChildren()) {
                largest = Math.max(largest, walk(branch.getValue(), input));
            }
        }
        return Math.max(largest, block.getOutputShapes(new Shape[] {input})[0].size());
    }
}
