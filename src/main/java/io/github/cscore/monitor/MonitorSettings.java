package io.github.cscore.monitor;

import ai.djl.nn.Block;

import io.github.cscore.cam.CamTechnique;
import io.github.cscore.engine.EngineCheckResult;
import io.github.cscore.model.CamTaps;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScore;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** A monitor's configuration, checked and frozen by {@link CScoreMonitorBuilder#build()}. */
record MonitorSettings(
        Block block,
        CamTaps taps,
        List<Technique> techniques,
        int checkpointEvery,
        int checkpointEverySteps,
        CScore cscore,
        int batchSize,
        Phase phase,
        String runName,
        String modelName,
        Duration techniqueTimeout,
        double monitorShare,
        int expectedEpochs,
        LongSupplier nanoTime,
        CircuitBreakerConfig circuitBreaker,
        List<NamedSink> sinks,
        List<CamTechnique> implementations,
        Path snapshotDirectory,
        EngineCheckResult engine,
        int samplePerClass,
        long seed,
        int examplesPerClass,
        Consumer<ExampleMaps> exampleSink) {

    /** The {@code examplesPerClass} of a monitor that keeps no example maps. */
    static final int NO_EXAMPLES = 0;

    /** The {@code expectedEpochs} of a run whose length is not given. */
    static final int UNKNOWN_LENGTH = CheckpointSchedule.UNKNOWN;

    /** The {@code checkpointEvery} of a monitor that scores only when asked. */
    static final int NO_EPOCH_SCHEDULE = 0;

    /** A new schedule for one monitor: its epochs and steps counted from zero. */
    CheckpointSchedule newSchedule() {
        return new CheckpointSchedule(checkpointEvery, checkpointEverySteps, expectedEpochs);
    }

    MonitorSettings {
        techniques = List.copyOf(techniques);
        sinks = List.copyOf(sinks);
        implementations = List.copyOf(implementations);
    }
}
