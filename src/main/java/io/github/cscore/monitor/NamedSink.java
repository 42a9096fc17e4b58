package io.github.cscore.monitor;

import io.github.cscore.result.CheckpointResult;

import java.util.function.Consumer;

/** A sink with the name its failures are counted and logged under. */
record NamedSink(String name, Consumer<CheckpointResult> sink) {}
