package io.github.cscore.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines timeline written by {@link TimelineWriter}. */
public final class Timeline {

    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);

    private Timeline() {}

    /**
     * Reads every checkpoint of a timeline, in file order. A cut-off last line (a crash during
     * the write) is skipped with a warning; any other malformed line is an error.
     *
     * @param path the {@code .jsonl} file
     * @return the checkpoint results
     * @throws IllegalArgumentException naming the file and line of a malformed record
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<CheckpointResult> read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read timeline " + path + ": " + e.getMessage(), e);
        }
        List<CheckpointResult> results = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                results.add(TimelineJson.fromLine(line));
            } catch (JsonProcessingException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("skipping the cut-off last line {} of timeline {}", i + 1, path);
                } else {
                    throw new IllegalArgumentException(
                            "timeline " + path + " line " + (i + 1) + " is malformed: " + e.getMessage(), e);
                }
            }
        }
        return results;
    }
}
