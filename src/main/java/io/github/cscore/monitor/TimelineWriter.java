package io.github.cscore.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A sink that appends each checkpoint result to a JSON Lines file, one record per line (schema in
 * {@code docs/timeline.md}).
 *
 * <p>Each record is written with a single write and flushed at once, so a crash loses at most the
 * record being written, and the reader skips a cut-off last line. An existing file is appended to,
 * so a resumed run continues its timeline.
 */
public final class TimelineWriter implements Consumer<CheckpointResult>, AutoCloseable {

    private final Path path;
    private final Writer writer;

    private TimelineWriter(Path path, Writer writer) {
        this.path = path;
        this.writer = writer;
    }

    /**
     * Opens (creating if needed, with its parent folders) a timeline file for appending.
     *
     * @param path the {@code .jsonl} file
     * @return the writer
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static TimelineWriter open(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new TimelineWriter(path, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open timeline " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the file written to.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Appends one record.
     *
     * @param result the checkpoint result
     * @throws UncheckedIOException if the write fails
     */
    @Override
    public synchronized void accept(CheckpointResult result) {
        String line = TimelineJson.toLine(result) + "\n";
        try {
            writer.write(line);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to timeline " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file. */
    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
