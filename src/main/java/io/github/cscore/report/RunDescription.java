package io.github.cscore.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cscore.alert.BelowFloor;
import io.github.cscore.metric.BuildInfo;
import io.github.cscore.score.CScoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run was, for the report's header: its name, when and by which command it started, the
 * software it ran with, its settings as a person reads them (architecture, input, learning rate,
 * data, seed, ...) and the thresholds its charts draw. The timeline holds the checkpoints; this
 * small JSON file beside it ({@code <timeline name without .jsonl>.run.json}) holds the rest, so
 * the report can be matched against Prometheus and against the command that made it. The report
 * uses it only when its run is the timeline's.
 *
 * @param run the run name, as the timeline's records carry it
 * @param startedAt when the run started
 * @param command the command that made it, such as {@code cscore demo}
 * @param build the software it ran with
 * @param settings its settings, by name, in the order shown
 * @param consistencyFloor the C-Score floor of the alert rules, drawn on the C-Score charts
 * @param goldMinimum the gold-list size below which a C-Score is undefined, drawn on the gold chart
 */
public record RunDescription(String run, Instant startedAt, String command, BuildInfo build, Map<String, String> settings,
        double consistencyFloor, int goldMinimum) {

    /** What the file name of a timeline ends in, replaced. */
    static final String SUFFIX = ".run.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks and copies the components.
     *
     * @param run not blank
     * @param startedAt not null
     * @param command not null
     * @param build not null
     * @param settings not null; copied in order
     * @param consistencyFloor in [0, 1]
     * @param goldMinimum at least 1
     */
    public RunDescription {
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException("run must be non-blank, but was '" + run + "'");
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(build, "build");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        if (!(consistencyFloor >= 0 && consistencyFloor <= 1)) {
            throw new IllegalArgumentException("consistencyFloor must be in [0, 1], but was " + consistencyFloor);
        }
        if (goldMinimum < 1) {
            throw new IllegalArgumentException("goldMinimum must be at least 1, but was " + goldMinimum);
        }
    }

    /**
     * Describes a run starting now with this process's software and the default thresholds.
     *
     * @param run the run name
     * @param command the command, such as {@code cscore demo}
     * @param settings the settings, by name, in the order shown
     * @return the description
     */
    public static RunDescription startingNow(String run, String command, Map<String, String> settings) {
        return new RunDescription(run, Instant.now(), command, BuildInfo.current(), settings,
                BelowFloor.Settings.DEFAULT_FLOOR, CScoreConfig.ofDefaults().minGoldSize());
    }

    /**
     * Returns the same description with other thresholds.
     *
     * @param floor the C-Score floor drawn
     * @param minimum the gold-list minimum drawn
     * @return the description
     */
    public RunDescription withThresholds(double floor, int minimum) {
        return new RunDescription(run, startedAt, command, build, settings, floor, minimum);
    }

    /**
     * Returns the file a timeline's description is kept in.
     *
     * @param timeline the timeline, such as {@code runs/demo/timeline.jsonl}
     * @return its description, such as {@code runs/demo/timeline.run.json}
     */
    public static Path fileFor(Path timeline) {
        String name = timeline.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return timeline.resolveSibling(stem + SUFFIX);
    }

    /**
     * Writes the description beside a timeline, whole (a temporary file moved into place).
     *
     * @param timeline the run's timeline, which need not exist yet
     * @return the file written
     * @throws UncheckedIOException if it cannot be written
     */
    public Path writeBeside(Path timeline) {
        Path file = fileFor(timeline);
        ObjectNode root = JSON.createObjectNode();
        root.put("run", run);
        root.put("started_at", startedAt.toString());
        root.put("command", command);
        root.put("version", build.version());
        root.put("djl_version", build.djlVersion());
        root.put("engine", build.engine());
        root.put("engine_version", build.engineVersion());
        settings.forEach(root.putObject("settings")::put);
        root.put("consistency_floor", consistencyFloor);
        root.put("gold_minimum", goldMinimum);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path pending = file.resolveSibling("." + file.getFileName() + "-" + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(pending, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run description " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the description beside a timeline, if there is one.
     *
     * @param timeline the run's timeline
     * @return the description, or empty if none was written
     * @throws IllegalArgumentException if the file is not a description, naming it and the field
     * @throws UncheckedIOException if it cannot be read
     */
    public static Optional<RunDescription> besideTimeline(Path timeline) {
        Path file = fileFor(timeline);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("run description " + file + " is not JSON: " + e.getMessage(), e);
        }
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            root.path("settings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new RunDescription(text(root, "run", file), Instant.parse(text(root, "started_at", file)),
                    text(root, "command", file), new BuildInfo(text(root, "version", file), text(root, "djl_version", file),
                            text(root, "engine", file), text(root, "engine_version", file)), settings,
                    root.path("consistency_floor").asDouble(BelowFloor.Settings.DEFAULT_FLOOR),
                    root.path("gold_minimum").asInt(CScoreConfig.ofDefaults().minGoldSize())));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("run description " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string in " + file);
        }
        return node.asText();
    }
}
