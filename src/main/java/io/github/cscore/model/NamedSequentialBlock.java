package io.github.cscore.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry names chosen by the caller.
 *
 * <p>DJL names the children of a {@code SequentialBlock} after their class ({@code
 * 01SequentialBlock}, {@code 02SequentialBlock}, ...), which makes a path to an inner layer
 * unreadable. Here a child added with {@code add("stage4", block)} is stored as {@code 04stage4}
 * (DJL keeps the two-digit position prefix) and {@link TappedModel} accepts {@code stage4} for it.
 * Forward, initialisation and parameter files behave exactly as in {@code SequentialBlock}.
 */
public class NamedSequentialBlock extends SequentialBlock {

    /** Creates an empty block. */
    public NamedSequentialBlock() {}

    /**
     * Appends a child block under the given name.
     *
     * @param name the child's name, unique within this block
     * @param block the child
     * @return this block
     * @throws IllegalArgumentException if the name is blank or already used by a sibling
     */
    public NamedSequentialBlock add(String name, Block block) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException(
                    "child name must be non-blank and contain no '/', but was '" + name + "'");
        }
        boolean taken =
                getChildren().keys().stream().anyMatch(key -> BlockPaths.stripIndex(key).equals(name));
        if (taken) {
            throw new IllegalArgumentException("child name '" + name + "' is already used");
        }
        addChildBlock(name, block);
        return this;
    }
}
