package io.github.cscore.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves slash-separated paths such as {@code backbone/stage4} to child blocks.
 *
 * <p>Each segment names one child of the block before it, either by its full DJL child name
 * ({@code 04stage4}, {@code 02SequentialBlock}) or without the two-digit position prefix that DJL
 * adds ({@code stage4}), provided that shorter name is unique among the siblings.
 */
final class BlockPaths {

    private BlockPaths() {}

    /** Removes DJL's two-digit position prefix from a child name, if present. */
    static String stripIndex(String childName) {
        if (childName.length() > 2
                && Character.isDigit(childName.charAt(0))
                && Character.isDigit(childName.charAt(1))) {
            return childName.substring(2);
        }
        return childName;
    }

    /** Splits a path into its segments; an empty path or empty segment is rejected. */
    static List<String> segments(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("block path must be non-blank, but was '" + path + "'");
        }
        List<String> result = new ArrayList<>(List.of(path.split("/", -1)));
        if (result.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("block path has an empty segment: '" + path + "'");
        }
        return result;
    }

    /** Finds the child of {@code parent} that one path segment names. */
    static Optional<Pair<String, Block>> child(Block parent, String segment) {
        Pair<String, Block> exact = null;
        List<Pair<String, Block>> loose = new ArrayList<>();
        for (Pair<String, Block> child : parent.getChildren()) {
            if (child.getKey().equals(segment)) {
                exact = child;
            } else if (stripIndex(child.getKey()).equals(segment)) {
                loose.add(child);
            }
        }
        if (exact != null) {
            return Optional.of(exact);
        }
        return loose.size() == 1 ? Optional.of(loose.get(0)) : Optional.empty();
    }

    /** Resolves a whole path below {@code root}, or explains which segment does not exist. */
    static Block resolve(Block root, String path) {
        Block current = root;
        List<String> walked = new ArrayList<>();
        for (String segment : segments(path)) {
            Pair<String, Block> next = existingChild(current, segment, path, walked);
            walked.add(next.getKey());
            current = next.getValue();
        }
        return current;
    }

    /**
     * Resolves a tap path to its canonical form (full DJL child names joined by '/'), checking
     * that every block on the way is a {@link SequentialBlock}, whose children run one after the
     * other and can therefore be stepped through.
     */
    static String canonical(Block root, String path) {
        Block current = root;
        List<String> canonical = new ArrayList<>();
        for (String segment : segments(path)) {
            if (!(current instanceof SequentialBlock)) {
                throw new IllegalArgumentException(
                        "tap '" + path + "' is not reachable: '" + String.join("/", canonical)
                                + "' is a " + current.getClass().getSimpleName()
                                + ", and taps can only be read through SequentialBlocks");
            }
            Pair<String, Block> next = existingChild(current, segment, path, canonical);
            canonical.add(next.getKey());
            current = next.getValue();
        }
        return String.join("/", canonical);
    }

    private static Pair<String, Block> existingChild(
            Block parent, String segment, String path, List<String> walked) {
        return child(parent, segment)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown block path '" + path + "': no child '" + segment
                                                + "' under '"
                                                + (walked.isEmpty() ? "<root>" : String.join("/", walked))
                                                + "'; children are " + parent.getChildren().keys()));
    }
}
