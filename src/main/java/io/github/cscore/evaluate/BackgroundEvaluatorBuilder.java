package io.github.cscore.evaluate;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link BackgroundEvaluator}. Required: {@link #setManifest} and {@link
 * #setValidationData}; everything else has a default, given with each setter.
 */
public final class BackgroundEvaluatorBuilder {

    /** Default number of copies that may wait for the worker: one, beside the one it scores. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1;

    /** Engine threads: 0, those the engine was given for the process. */
    public static final int ENGINE_THREADS = 0;

    /** The techniques that need no backward pass, the only ones a background worker can run. */
    private static final List<Technique> FORWARD_ONLY = List.of(Technique.EIGEN_CAM, Technique.SCORE_CAM);

    private SnapshotManifest manifest;
    private LabeledDataset validation;
    private List<Technique> techniques = List.of(Technique.SCORE_CAM);
    private ScoreCamConfig scoreCam;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int engineThreads = ENGINE_THREADS;
    private Duration techniqueTimeout = CScoreMonitorBuilder.DEFAULT_TECHNIQUE_TIMEOUT;
    private final Map<String, Consumer<CheckpointResult>> sinks = new LinkedHashMap<>();

    BackgroundEvaluatorBuilder() {}

    /**
     * Sets what rebuilds the network and the live monitor's scoring settings (required): {@code
     * SnapshotManifest.of(architecture, config, monitor)}.
     *
     * @param value the manifest of the network trained
     * @return this builder
     */
    public BackgroundEvaluatorBuilder setManifest(SnapshotManifest value) {
        this.manifest = Objects.requireNonNull(value, "manifest");
        return this;
    }

    /**
     * Sets the validation data the sample is drawn from (required): for the live monitor's sample
     * and gold lists, the same images in the same order as the live monitor was given.
     *
     * @param data labelled validation images whose classes are the manifest's
     * @return this builder
     */
    public BackgroundEvaluatorBuilder setValidationData(LabeledDataset data) {
        this.validation = Objects.requireNonNull(data, "data");
        return this;
    }

    /**
     * Sets the techniques scored in the background. Default: Score-CAM alone.
     *
     * @param chosen one or more of the techniques that need no backward pass: Score-CAM (without
     *     a top-K by gradient contribution) and Eigen-CAM
     * @return this builder
     * @throws IllegalArgumentException if none is given or one needs a backward pass
     */
    public BackgroundEvaluatorBuilder optTechniques(Technique... chosen) {
        if (chosen.length == 0) {
            throw new IllegalArgumentException("the background evaluator needs at least one technique");
        }
        for (Technique technique : chosen) {
            if (!FORWARD_ONLY.contains(Objects.requireNonNull(technique, "technique"))) {
                throw new IllegalArgumentException(needsBackward(technique.label()));
            }
        }
        this.techniques = List.of(chosen);
        return this;
    }

    /**
     * Sets Score-CAM's configuration. Default: the manifest's, that of the live monitor.
     *
     * @param config a configuration that needs no backward pass (no top-K by gradient contribution)
     * @return this builder
     */
    public BackgroundEvaluatorBuilder optScoreCam(ScoreCamConfig config) {
        this.scoreCam = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Sets how many copies of the parameters may wait for the worker; when a new one comes to a
     * full queue, the oldest waiting is dropped and counted. Each copy holds every parameter (4
     * bytes each: about 6 MB at the demo's scale, 100 MB for a full-width ResNet50V2). Default:
     * {@value #DEFAULT_QUEUE_CAPACITY}.
     *
     * @param copies at least 1
     * @return this builder
     */
    public BackgroundEvaluatorBuilder optQueueCapacity(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, but was " + copies);
        }
        this.queueCapacity = copies;
        return this;
    }

    /**
     * Sets the engine threads of the worker's forward passes, apart from training's: the PyTorch
     * engine keeps the count per thread. On two cores one thread made both training and the worker
     * slower than the engine's two (docs/performance.md); a machine with more cores than training
     * uses may differ. Default: {@value #ENGINE_THREADS}, as many as the engine uses for the process.
     *
     * @param threads at least 1, or {@value #ENGINE_THREADS} for the engine's count
     * @return this builder
     */
    public BackgroundEvaluatorBuilder optEngineThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("engineThreads must be at least 1, or 0 for the engine's, but was "
                    + threads);
        }
        this.engineThreads = threads;
        return this;
    }

    /**
     * Sets the timeout of one technique at one checkpoint, as {@link
     * CScoreMonitorBuilder#optTechniqueTimeout} does for a live monitor. Default: {@link
     * CScoreMonitorBuilder#DEFAULT_TECHNIQUE_TIMEOUT}, 5 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public BackgroundEvaluatorBuilder optTechniqueTimeout(Duration timeout) {
        this.techniqueTimeout = BuilderChecks.positive("techniqueTimeout", timeout);
        return this;
    }

    /**
     * Adds a sink that receives every result, such as a {@code TimelineWriter}; an {@link
     * AutoCloseable} sink is closed with the evaluator. Results arrive on the worker's thread.
     * Default: none.
     *
     * @param name a non-blank name, unique among the sinks
     * @param sink the sink
     * @return this builder
     */
    public BackgroundEvaluatorBuilder optSink(String name, Consumer<CheckpointResult> sink) {
        BuilderChecks.addSink(sinks, name, sink);
        return this;
    }

    /**
     * Rebuilds the network, builds the worker's monitor and starts the worker thread.
     *
     * @return the evaluator, to add to the training configuration as a listener
     * @throws IllegalArgumentException naming the problem: a missing manifest or validation data,
     *     validation classes other than the manifest's, a Score-CAM that needs a backward pass
     */
    public BackgroundEvaluator build() {
        if (manifest == null) {
            throw new IllegalArgumentException("the manifest is required (setManifest)");
        }
        if (validation == null) {
            throw new IllegalArgumentException("validation data is required (setValidationData)");
        }
        ScoreCamConfig config = scoreCam != null ? scoreCam : manifest.scoring().scoreCam();
        if (techniques.contains(Technique.SCORE_CAM) && config.needsGradients()) {
            throw new IllegalArgumentException(needsBackward("scorecam with a top-K by gradient contribution"));
        }
        return BackgroundEvaluator.create(new Settings(manifest, validation, techniques, config, queueCapacity,
                engineThreads, techniqueTimeout, sinks));
    }

    private static String needsBackward(String what) {
        return "the background evaluator runs only techniques without a backward pass (eigencam, scorecam), but "
                + what + " needs one: DJL's PyTorch engine allows one gradient collector per process, and training "
                + "holds it";
    }

    /** The checked settings, frozen at {@link #build()}. */
    record Settings(SnapshotManifest manifest, LabeledDataset validation, List<Technique> techniques,
            ScoreCamConfig scoreCam, int queueCapacity, int engineThreads, Duration techniqueTimeout,
            Map<String, Consumer<CheckpointResult>> sinks) {

        Settings {
            techniques = List.copyOf(techniques);
            sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
        }
    }
}
