package io.github.cscore.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.List;

/**
 * Runs a network up to a tap the way a tapping model must: through nested {@link
 * SequentialBlock}s only, child by child, stopping at the tapped child's output. Fails if the path
 * leaves the sequential blocks.
 */
final class PieceByPiece {

    private PieceByPiece() {}

    /** The activations at {@code path} for {@code input}, by forwarding child after child. */
    static NDList forwardTo(Block root, String path, NDList input) {
        ParameterStore store = new ParameterStore(input.head().getManager(), false);
        return walk(root, path, input, (block, x) -> block.forward(store, x, false));
    }

    /** The output shapes at {@code path} for {@code input}, by shape inference child after child. */
    static Shape[] shapeAt(Block root, String path, Shape[] input) {
        return walk(root, path, input, (block, x) -> block.getOutputShapes(x));
    }

    private interface Step<T> {
        T apply(Block block, T input);
    }

    private static <T> T walk(Block root, String path, T input, Step<T> step) {
        Block current = root;
        T value = input;
        List<String> segments = BlockPaths.segments(path);
        for (String segment : segments) {
            if (!(current instanceof SequentialBlock)) {
                throw new AssertionError("tap " + path + " passes through a "
                        + current.getClass().getSimpleName() + ", not a SequentialBlock");
            }
            Pair<String, Block> target = BlockPaths.child(current, segment).orElseThrow();
            for (Pair<String, Block> child : current.getChildren()) {
                if (child.getKey().equals(target.getKey())) {
                    break;
                }
                value = step.apply(child.getValue(), value);
            }
            current = target.getValue();
        }
        return step.apply(current, value);
    }
}
