package io.github.cscore.timeline;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run's timeline as read from its JSON Lines file (written by {@link TimelineWriter}): the
 * checkpoint results and alert events, in file order.
 *
 * <p>Reading is strict. Only a last line without its closing newline is treated as cut off (a
 * crash or a full disk during the write): it is left out, with a warning, and counted in {@link
 * #cutOffBytes()}. Any complete line that is not a valid record (bad JSON or UTF-8, a missing or
 * mistyped field, a value out of its range such as an accuracy of 5, a schema from a newer
 * version) is an error naming the file, the line and the field. A timeline is one run: a record
 * whose run, model, classes (names and order) or techniques differ from the first is an error
 * naming both lines.
 *
 * @param path the file read
 * @param checkpoints the checkpoint results, in file order
 * @param alerts the alert events, in file order
 * @param cutOffBytes the length of a cut-off last line that was left out; 0 if the file ends with a
 *     complete record
 */
public record Timeline(Path path, List<CheckpointResult> checkpoints, List<AlertEvent> alerts, int cutOffBytes) {

    /**
     * The largest timeline read, in bytes (128 MiB, some 40,000 checkpoints of a two-class run
     * with six techniques). A timeline is read whole and every record kept, so a bigger file, or
     * a device that never ends ({@code /dev/zero}), is refused before any of it is held in memory.
     */
    public static final long MAX_BYTES = 128L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);

    /**
     * Checks and copies the components.
     *
     * @param path the file read, not null
     * @param checkpoints the checkpoint results; copied
     * @param alerts the alert events; copied
     * @param cutOffBytes the length of a cut-off last line, at least 0
     */
    public Timeline {
        Objects.requireNonNull(path, "path");
        checkpoints = List.copyOf(checkpoints);
        alerts = List.copyOf(alerts);
    }

    /**
     * Reads a timeline file.
     *
     * @param path the {@code .jsonl} file
     * @return its records
     * @throws IllegalArgumentException naming the file, line and problem of a malformed record, or
     *     naming the file if it is not a regular file or is larger than {@link #MAX_BYTES}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Timeline read(Path path) {
        Objects.requireNonNull(path, "path");
        byte[] bytes;
        try {
            bytes = readBounded(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read timeline " + path + ": " + e.getMessage(), e);
        }
        Timeline timeline = parse(path, bytes);
        if (timeline.cutOffBytes() > 0) {
            LOG.warn("timeline {} ends with a cut-off record of {} bytes (a crash during a write); it is left out",
                    path, timeline.cutOffBytes());
        }
        return timeline;
    }

    /**
     * The bytes of a timeline file, refused before reading if it is no regular file (a device or a
     * pipe, even behind a symbolic link) or is larger than {@link #MAX_BYTES}.
     */
    static byte[] readBounded(Path path) throws IOException {
        // A missing file is left to the read below, whose error says so.
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("timeline " + path + " is not a regular file"
                    + (Files.isDirectory(path) ? " but a folder" : " (a device or a pipe?)"));
        }
        if (Files.size(path) > MAX_BYTES) {
            throw tooLarge(path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            // A file that grows while it is read stops at the cap; the rest is never held in memory.
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(path);
            }
            return bytes;
        }
    }

    private static IllegalArgumentException tooLarge(Path path) {
        return new IllegalArgumentException("timeline " + path + " is larger than the " + (MAX_BYTES >> 20)
                + " MiB a timeline may hold");
    }

    /** Parses whole lines; the bytes after the last newline, if any, are a cut-off record. */
    static Timeline parse(Path path, byte[] bytes) {
        List<CheckpointResult> checkpoints = new ArrayList<>();
        List<AlertEvent> alerts = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        RunIdentity reference = null; // the first checkpoint's, or until there is one the first record's
        int referenceLine = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNumber++;
            String line = decode(path, lineNumber, bytes, start, i);
            start = i + 1;
            if (line.isBlank()) {
                continue;
            }
            Object record;
            try {
                record = TimelineJson.fromLine(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "timeline " + path + " line " + lineNumber + " is malformed: " + e.getMessage(), e);
            }
            RunIdentity identity = RunIdentity.of(record);
            if (reference == null || !reference.isComplete() && identity.isComplete()) {
                if (reference != null) {
                    check(path, identity, lineNumber, reference, referenceLine);
                }
                reference = identity;
                referenceLine = lineNumber;
            } else {
                check(path, identity, lineNumber, reference, referenceLine);
            }
            if (record instanceof CheckpointResult result) {
                checkpoints.add(result);
            } else {
                alerts.add((AlertEvent) record);
            }
        }
        return new Timeline(path, checkpoints, alerts, bytes.length - start);
    }

    private static void check(Path path, RunIdentity identity, int line, RunIdentity reference, int referenceLine) {
        identity.differenceFrom(reference, "line " + line, "line " + referenceLine).ifPresent(difference -> {
            throw new IllegalArgumentException("timeline " + path + " " + difference + ": a timeline holds one run");
        });
    }

    /** Length of the file's complete records: everything up to and including the last newline. */
    static int completeLength(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static String decode(Path path, int lineNumber, byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "timeline " + path + " line " + lineNumber + " is malformed: not valid UTF-8", e);
        }
    }
}
