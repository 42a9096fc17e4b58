package io.github.cscore.evaluate;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.CheckpointResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link SidecarEvaluator}. Required: {@link #setSnapshotDirectory} and {@link
 * #setValidationData}; everything else has a default, given with each setter.
 */
public final class SidecarEvaluatorBuilder {

    /** Default time between two looks at the folder in follow mode. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private Path directory;
    private LabeledDataset validation;
    private final Map<String, Consumer<CheckpointResult>> sinks = new LinkedHashMap<>();
    private boolean follow;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration followTimeout;
    private Duration techniqueTimeout = CScoreMonitorBuilder.DEFAULT_TECHNIQUE_TIMEOUT;
    private String runName;

    SidecarEvaluatorBuilder() {}

    /**
     * Sets the folder of saved snapshots and their manifest (required).
     *
     * @param folder the folder {@link SnapshotSaver} wrote, or DJL's save listener wrote with a
     *     manifest added
     * @return this builder
     */
    public SidecarEvaluatorBuilder setSnapshotDirectory(Path folder) {
        this.directory = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /**
     * Sets the validation data the sample is drawn from (required). For the live monitor's numbers
     * it must be the same images, in the same order, as the live monitor was given.
     *
     * @param data labelled validation images whose classes are the manifest's
     * @return this builder
     */
    public SidecarEvaluatorBuilder setValidationData(LabeledDataset data) {
        this.validation = Objects.requireNonNull(data, "data");
        return this;
    }

    /**
     * Adds a sink that receives every result, such as a {@code TimelineWriter} or a {@code
     * CScoreExporter}; an {@link AutoCloseable} sink is closed with the evaluator. Default: none.
     *
     * @param name a non-blank name, unique among the sinks
     * @param sink the sink
     * @return this builder
     */
    public SidecarEvaluatorBuilder optSink(String name, Consumer<CheckpointResult> sink) {
        BuilderChecks.addSink(sinks, name, sink);
        return this;
    }

    /**
     * Keeps watching the folder after the snapshots there are scored, scoring new ones as they
     * appear, until the saver's done marker, {@link SidecarEvaluator#stop()} or the follow
     * timeout. A snapshot is scored only once whole: its content matches the SHA-256 the manifest
     * lists, or, for a file the manifest does not list, its size held still between two looks
     * (a file that still turns out cut off is waited for again). {@link #build()} then also waits
     * for the folder and its manifest to appear, so a follower may start before training.
     * Default: off, score what is there and return.
     *
     * @param value true to follow
     * @return this builder
     */
    public SidecarEvaluatorBuilder optFollow(boolean value) {
        this.follow = value;
        return this;
    }

    /**
     * Sets the time between two looks at the folder in follow mode. Default: 2 seconds.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public SidecarEvaluatorBuilder optPollInterval(Duration interval) {
        this.pollInterval = BuilderChecks.positive("pollInterval", interval);
        return this;
    }

    /**
     * Sets the longest follow mode waits in all, counted from {@link #build()} (which waits for the
     * folder and its manifest). Default: no limit.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public SidecarEvaluatorBuilder optFollowTimeout(Duration timeout) {
        this.followTimeout = BuilderChecks.positive("followTimeout", timeout);
        return this;
    }

    /**
     * Sets the timeout of one technique at one checkpoint, as {@link
     * CScoreMonitorBuilder#optTechniqueTimeout} does for a live monitor. It is not a scoring
     * setting and the manifest does not hold it: a slower machine may need a longer one than the
     * live run had. Default: {@link CScoreMonitorBuilder#DEFAULT_TECHNIQUE_TIMEOUT}, 5 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public SidecarEvaluatorBuilder optTechniqueTimeout(Duration timeout) {
        this.techniqueTimeout = BuilderChecks.positive("techniqueTimeout", timeout);
        return this;
    }

    /**
     * Sets the run name the results carry. Default: the manifest's, that of the live run.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public SidecarEvaluatorBuilder optRunName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("runName must be non-blank, but was '" + name + "'");
        }
        this.runName = name;
        return this;
    }

    /**
     * Reads the manifest, rebuilds the network and builds the monitor, with the settings as they
     * are now (later changes to this builder do not reach the evaluator).
     *
     * @return the evaluator
     * @throws IllegalArgumentException naming the problem: a missing folder or manifest (in follow
     *     mode: none appeared within the follow timeout), a malformed manifest, validation data
     *     whose classes or image shape do not fit
     * @throws java.io.UncheckedIOException if the manifest cannot be read
     */
    public SidecarEvaluator build() {
        if (directory == null) {
            throw new IllegalArgumentException("the snapshot folder is required (setSnapshotDirectory)");
        }
        if (validation == null) {
            throw new IllegalArgumentException("validation data is required (setValidationData)");
        }
        return SidecarEvaluator.create(new EvaluatorSettings(directory, validation, sinks, follow, pollInterval,
                followTimeout, techniqueTimeout, runName));
    }
}
