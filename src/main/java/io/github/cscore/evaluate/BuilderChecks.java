package io.github.cscore.evaluate;

import io.github.cscore.result.CheckpointResult;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** The checks both evaluators' builders make on what they are given. */
final class BuilderChecks {

    private BuilderChecks() {}

    /**
     * Adds a sink under a name of its own.
     *
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    static void addSink(Map<String, Consumer<CheckpointResult>> sinks, String name, Consumer<CheckpointResult> sink) {
        Objects.requireNonNull(sink, "sink");
        if (name == null || name.isBlank() || sinks.containsKey(name)) {
            throw new IllegalArgumentException("sink name must be non-blank and unique, but was '" + name + "'");
        }
        sinks.put(name, sink);
    }

    /**
     * Returns the duration, checked.
     *
     * @throws IllegalArgumentException naming the setting if it is not positive
     */
    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }
}
