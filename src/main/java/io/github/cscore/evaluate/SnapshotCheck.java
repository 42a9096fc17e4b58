package io.github.cscore.evaluate;

import ai.djl.ndarray.types.Shape;

import io.github.cscore.storage.Sha256;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a snapshot against its manifest before its parameters are loaded: the file's SHA-256
 * against the digest the saver recorded (a flipped byte, a file replaced), and the manifest's
 * architecture, network scale and class names against what the file's header says the
 * parameters were saved from (a manifest edited afterwards). Files saved without that record (by
 * DJL's own save listener) are checked on the input shape DJL writes into every header.
 */
final class SnapshotCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotCheck() {}

    /**
     * Tells whether a file matches the digest recorded for its epoch.
     *
     * @return true if it matches; empty if no digest was recorded
     */
    static Optional<Boolean> digestMatches(SnapshotManifest manifest, SnapshotFolder.Snapshot snapshot)
            throws IOException {
        Optional<String> recorded = manifest.sha256(snapshot.epoch());
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(recorded.get().equals(Sha256.of(snapshot.file())));
    }

    /**
     * Refuses a snapshot that does not match its recorded digest or contradicts the manifest.
     *
     * @param manifestFile the manifest's file, named in the messages
     * @throws IllegalArgumentException naming the file and what disagrees
     */
    static void verify(SnapshotManifest manifest, Path manifestFile, SnapshotFolder.Snapshot snapshot)
            throws IOException {
        if (digestMatches(manifest, snapshot).orElse(true) == Boolean.FALSE) {
            throw new IllegalArgumentException("snapshot " + snapshot.file() + " does not match the SHA-256 recorded in "
                    + manifestFile + ": it was damaged or replaced after it was saved");
        }
        ParameterFile.Header header = ParameterFile.header(snapshot.file());
        String savedFrom = header.properties().get(SnapshotSaver.SAVED_FROM_PROPERTY);
        if (savedFrom != null) {
            // Both sides through the same text and parser: a float written and read back as a
            // double compares equal to itself.
            compare(parse(manifestFile, SnapshotManifestJson.binding(manifest)), parse(snapshot.file(), savedFrom), "",
                    manifestFile, snapshot.file());
        } else {
            compareInputSize(manifest, header, manifestFile, snapshot.file());
        }
    }

    private static ObjectNode parse(Path file, String savedFrom) {
        try {
            JsonNode node = MAPPER.readTree(savedFrom);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new IllegalArgumentException("snapshot " + file + " has an unreadable " + SnapshotSaver.SAVED_FROM_PROPERTY
                + " property in its header");
    }

    /** Walks the manifest's values; the first that the header contradicts is named with its path. */
    private static void compare(ObjectNode manifest, ObjectNode saved, String path, Path manifestFile, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode mine = field.getValue();
            JsonNode theirs = saved.get(field.getKey());
            if (mine instanceof ObjectNode nested && theirs instanceof ObjectNode savedNested) {
                compare(nested, savedNested, path + field.getKey() + ".", manifestFile, file);
            } else if (!mine.equals(theirs)) {
                throw contradiction(manifestFile, path + field.getKey(), mine.toString(), file,
                        field.getKey(), theirs == null ? "none" : theirs.toString());
            }
        }
    }

    /** DJL records the input shape the block was initialised with: (N, C, H, W) for an image network. */
    private static void compareInputSize(SnapshotManifest manifest, ParameterFile.Header header, Path manifestFile,
            Path file) {
        if (header.inputs().isEmpty() || header.inputs().get(0).dimension() != 4) {
            return;
        }
        Shape input = header.inputs().get(0);
        long height = input.get(2);
        long width = input.get(3);
        int expected = manifest.network().inputSize().orElse(manifest.architecture().referenceInputSize());
        if (height != expected || width != expected) {
            throw contradiction(manifestFile, "network.input_size", Integer.toString(expected), file, "input_size",
                    height == width ? Long.toString(height) : height + "x" + width);
        }
    }

    private static IllegalArgumentException contradiction(Path manifestFile, String field, String value, Path file,
            String savedField, String savedValue) {
        return new IllegalArgumentException(manifestFile + " says " + field + " " + value + ", but snapshot " + file
                + " was saved from a network with " + savedField + " " + savedValue
                + ": the manifest was edited after the snapshots were saved");
    }
}
