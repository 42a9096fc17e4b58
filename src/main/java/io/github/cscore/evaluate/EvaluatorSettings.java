package io.github.cscore.evaluate;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.result.CheckpointResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sidecar evaluator's settings, checked by {@link SidecarEvaluatorBuilder} and frozen at {@code
 * build()}: changing the builder afterwards changes no evaluator already built.
 *
 * @param directory the folder of saved checkpoints and their manifest
 * @param validation the validation data the sample is drawn from
 * @param sinks the sinks by name, in the order added
 * @param follow true to keep scoring checkpoints as they appear
 * @param pollInterval the time between two looks at the folder in follow mode
 * @param followTimeout the longest follow mode waits in all, or null for no limit
 * @param techniqueTimeout the longest one technique may take at one checkpoint
 * @param runName the run name the results carry, or null for the manifest's
 */
record EvaluatorSettings(
        Path directory,
        LabeledDataset validation,
        Map<String, Consumer<CheckpointResult>> sinks,
        boolean follow,
        Duration pollInterval,
        Duration followTimeout,
        Duration techniqueTimeout,
        String runName) {

    /** Copies the sinks, keeping their order. */
    EvaluatorSettings {
        sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
    }
}
