package io.github.cscore.monitor;

import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;

import io.github.cscore.cam.CamTechnique;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.engine.EngineCheck;
import io.github.cscore.engine.EngineCheckResult;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.model.TappedModel;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScore;
import io.github.cscore.score.CScoreConfig;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Builds a {@link CScoreMonitor}. Required: {@link #setValidationData} and {@link #setNetwork}
 * (or {@link #setBlock}); everything else has a default, given with each setter.
 */
public final class CScoreMonitorBuilder {

    /** Default number of epochs between checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1;
    /** Default most validation images per class in the fixed sample. */
    public static final int DEFAULT_SAMPLE_PER_CLASS = 16;
    /** Default images per shared pass. */
    public static final int DEFAULT_BATCH_SIZE = 16;
    /** Default seed of the sample's own random generator. */
    public static final long DEFAULT_SEED = 42;
    /**
     * Default techniques: all six of the paper (GradCAM, GradCAM++, LayerCAM, EigenCAM, Score-CAM,
     * MS GradCAM++), within the default {@link #DEFAULT_MONITOR_SHARE time budget}. Five share one
     * forward and backward pass per batch and cost less than a training step per sample image;
     * Score-CAM costs one forward pass per channel and image (512 to 2048 per image on the paper's
     * networks), so the budget runs it, exact, at as many checkpoints as it allows: always at the
     * last one (docs/monitor.md, "The time budget").
     */
    public static final List<Technique> DEFAULT_TECHNIQUES = Technique.builtIns();
    /** Default share of the run's wall time the monitor may take: 10 %. */
    public static final double DEFAULT_MONITOR_SHARE = 0.10;
    /** Default timeout of one technique at one checkpoint. */
    public static final Duration DEFAULT_TECHNIQUE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Default timeout of one technique at one checkpoint.
     *
     * @deprecated renamed {@link #DEFAULT_TECHNIQUE_TIMEOUT}, so as not to be taken for the
     *     monitor's time budget ({@link #DEFAULT_MONITOR_SHARE})
     */
    @Deprecated
    public static final Duration DEFAULT_TIME_BUDGET = DEFAULT_TECHNIQUE_TIMEOUT;

    private LabeledDataset validation;
    private Block block;
    private CamTaps taps;
    private String modelName;
    private List<Technique> techniques = DEFAULT_TECHNIQUES;
    private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
    private int checkpointEverySteps = MonitorSettings.NO_EPOCH_SCHEDULE;
    private CScoreConfig cscore = CScoreConfig.ofDefaults();
    private int samplePerClass = DEFAULT_SAMPLE_PER_CLASS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long seed = DEFAULT_SEED;
    private ScoreCamConfig scoreCam;
    private Phase phase;
    private String runName = "run";
    private Duration techniqueTimeout = DEFAULT_TECHNIQUE_TIMEOUT;
    private double monitorShare = DEFAULT_MONITOR_SHARE;
    private int expectedEpochs = MonitorSettings.UNKNOWN_LENGTH;
    private LongSupplier nanoTime = System::nanoTime;
    private CircuitBreakerConfig circuitBreaker = defaultCircuitBreaker();
    private final List<NamedSink> sinks = new ArrayList<>();
    private Path snapshotDirectory;
    private EngineCheckResult engineCheck;
    private final List<CamTechnique> implementations = new ArrayList<>();
    private int examplesPerClass = MonitorSettings.NO_EXAMPLES;
    private Consumer<ExampleMaps> exampleSink;

    CScoreMonitorBuilder() {}

    /**
     * Returns the default breaker: opens when at least half of the last 4 checkpoints (2 at
     * least) failed for a technique, then skips it for 2 checkpoints and tries it once.
     *
     * @return the default circuit breaker configuration; durations count checkpoints as seconds
     */
    public static CircuitBreakerConfig defaultCircuitBreaker() {
        return CircuitBreakerConfig.custom()
                .slidingWindow(4, 2, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(3))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
    }

    /**
     * Sets the validation data the fixed sample is drawn from (required, or the DJL-dataset
     * overload). Images held in arrays: {@link LabeledDataset#fromArrays}.
     *
     * @param validation labelled validation images, every class present
     * @return this builder
     */
    public CScoreMonitorBuilder setValidationData(LabeledDataset validation) {
        this.validation = Objects.requireNonNull(validation, "validation");
        return this;
    }

    /**
     * Sets the validation data from a DJL dataset, such as the one given to {@code
     * EasyTrain.fit} for validation. Each item is read once now to learn the labels (through the
     * dataset's pipeline, as in training); only the sample's images are kept, when the monitor is
     * built. See {@link LabeledDataset#fromDataset}.
     *
     * @param validation a prepared dataset of (image (C, H, W), class index) items, every class
     *     present
     * @param classNames the class names; a label is a position in this list
     * @return this builder
     * @throws IllegalArgumentException if an item is not an image of the same shape as the others
     *     or its label is not a class index
     */
    public CScoreMonitorBuilder setValidationData(RandomAccessDataset validation, List<String> classNames) {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(classNames, "classNames");
        return setValidationData(LabeledDataset.fromDataset(validation, classNames));
    }

    /**
     * Sets the network being trained, with its default CAM taps (required, or {@link #setBlock}).
     * Its name becomes the model name unless {@link #optModelName} is set.
     *
     * @param network the network whose block the trainer's model holds
     * @return this builder
     */
    public CScoreMonitorBuilder setNetwork(Network network) {
        Objects.requireNonNull(network, "network");
        if (modelName == null) {
            modelName = network.name();
        }
        return setBlock(network.block(), network.camTaps());
    }

    /**
     * Sets the block being trained and where to explain it (required, or {@link #setNetwork}).
     *
     * @param block the block the trainer's model holds
     * @param taps the primary and multi-scale taps
     * @return this builder
     */
    public CScoreMonitorBuilder setBlock(Block block, CamTaps taps) {
        this.block = Objects.requireNonNull(block, "block");
        this.taps = Objects.requireNonNull(taps, "taps");
        return this;
    }

    /**
     * Sets how many epochs pass between checkpoints. Default: 1 (every epoch).
     *
     * @param every at least 1
     * @return this builder
     */
    public CScoreMonitorBuilder optCheckpointEvery(int every) {
        this.checkpointEvery = atLeastOne("checkpointEvery", every);
        this.checkpointEverySteps = MonitorSettings.NO_EPOCH_SCHEDULE;
        return this;
    }

    /**
     * Scores a checkpoint every {@code steps} optimiser updates instead of every N epochs: finer
     * than an epoch, so that a change within an epoch shows at the next checkpoint. The checkpoint
     * after update {@code k * steps} is scored before the next update, in the training batch
     * callback; its result carries the step. Default: off (the epoch schedule).
     *
     * @param steps at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code steps} is below 1
     */
    public CScoreMonitorBuilder optCheckpointEverySteps(int steps) {
        this.checkpointEverySteps = atLeastOne("checkpointEverySteps", steps);
        this.checkpointEvery = MonitorSettings.NO_EPOCH_SCHEDULE;
        return this;
    }

    /**
     * Turns the epoch schedule off: checkpoints are scored only when {@link
     * CScoreMonitor#checkpoint} is called, typically by {@link CScoreMonitor#saveModelCallback()}
     * each time DJL's {@code SaveModelTrainingListener} saves the model. A later {@link
     * #optCheckpointEvery} turns it back on.
     *
     * @return this builder
     */
    public CScoreMonitorBuilder optCheckpointOnSaveOnly() {
        this.checkpointEvery = MonitorSettings.NO_EPOCH_SCHEDULE;
        this.checkpointEverySteps = MonitorSettings.NO_EPOCH_SCHEDULE;
        return this;
    }

    /**
     * Chooses the techniques. Default: {@link #DEFAULT_TECHNIQUES}, all six, within the time budget
     * ({@link #optMonitorShare}).
     *
     * @param chosen at least one technique
     * @return this builder
     */
    public CScoreMonitorBuilder optTechniques(Technique... chosen) {
        if (chosen.length == 0) {
            throw new IllegalArgumentException("at least one technique is required");
        }
        this.techniques = List.of(chosen);
        return this;
    }

    /**
     * Sets the C-Score parameters (gold threshold, minimum gold size, resolution, gamma,
     * similarity). Default: {@link CScoreConfig#ofDefaults()}.
     *
     * @param config the C-Score configuration
     * @return this builder
     */
    public CScoreMonitorBuilder optCScore(CScoreConfig config) {
        this.cscore = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Sets the most validation images per class in the fixed sample. Default: 16.
     *
     * @param perClass at least 1
     * @return this builder
     */
    public CScoreMonitorBuilder optSamplePerClass(int perClass) {
        this.samplePerClass = atLeastOne("samplePerClass", perClass);
        return this;
    }

    /**
     * Sets the number of images per shared pass. Default: 16.
     *
     * @param size at least 1
     * @return this builder
     */
    public CScoreMonitorBuilder optBatchSize(int size) {
        this.batchSize = atLeastOne("batchSize", size);
        return this;
    }

    /**
     * Sets the seed of the sample's own random generator. Default: 42.
     *
     * @param value the seed
     * @return this builder
     */
    public CScoreMonitorBuilder optSeed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Sets how Score-CAM runs if it is among the techniques: a shorthand for {@code
     * optImplementation(new ScoreCam(config))} that, unlike it, may be given whatever techniques
     * are chosen (a command line sets it before it knows), and is ignored when Score-CAM is not
     * chosen. Default: {@link ScoreCamConfig#ofDefaults()}, batches of 32 and every channel (the
     * exact method).
     *
     * @param config the Score-CAM configuration
     * @return this builder
     */
    public CScoreMonitorBuilder optScoreCam(ScoreCamConfig config) {
        this.scoreCam = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Fixes the training phase reported. Default: inferred at each checkpoint, transfer while any
     * weight of the block is frozen and fine-tuning otherwise.
     *
     * @param fixed the phase
     * @return this builder
     */
    public CScoreMonitorBuilder optPhase(Phase fixed) {
        this.phase = Objects.requireNonNull(fixed, "phase");
        return this;
    }

    /**
     * Sets the run name reported with every result. Default: {@code run}.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public CScoreMonitorBuilder optRunName(String name) {
        this.runName = nonBlank("runName", name);
        return this;
    }

    /**
     * Sets the model name reported with every result. Default: the network's name, or {@code
     * model}.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public CScoreMonitorBuilder optModelName(String name) {
        this.modelName = nonBlank("modelName", name);
        return this;
    }

    /**
     * Sets the timeout of one technique at one checkpoint: a technique still running past it is
     * abandoned for that checkpoint and reported {@code timeout}. It is a deadline checked between
     * batches (native calls cannot be interrupted). Default: 5 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public CScoreMonitorBuilder optTechniqueTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("techniqueTimeout must be positive, but was " + timeout);
        }
        this.techniqueTimeout = timeout;
        return this;
    }

    /**
     * Sets the timeout of one technique at one checkpoint.
     *
     * @param budget a positive duration
     * @return this builder
     * @deprecated renamed {@link #optTechniqueTimeout}, so as not to be taken for the monitor's
     *     time budget ({@link #optMonitorShare})
     */
    @Deprecated
    public CScoreMonitorBuilder optTimeBudget(Duration budget) {
        return optTechniqueTimeout(budget);
    }

    /**
     * Sets the monitor's time budget: the share of the run's wall time it may take, measured as the
     * run goes (its own time over its own plus the training time). Techniques that fit run at
     * every checkpoint; one whose measured cost would break the budget runs exact at every k-th
     * checkpoint, k chosen from its cost and adjusted as the run goes, and at the last checkpoint;
     * at the others it is reported {@code scheduled_out}. The shared pass, gold lists and AUC are
     * computed at every checkpoint whatever the budget. Checkpoints of a model that is not training
     * ({@link CScoreMonitor#scoreCheckpoint}) run every technique. docs/monitor.md, "The time
     * budget", says how k is chosen. Default: {@value #DEFAULT_MONITOR_SHARE}.
     *
     * @param share in (0, 1]; 1 turns the budget off (every technique at every checkpoint)
     * @return this builder
     * @throws IllegalArgumentException if the share is not in (0, 1]
     */
    public CScoreMonitorBuilder optMonitorShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("monitorShare must be in (0, 1], but was " + share);
        }
        this.monitorShare = share;
        return this;
    }

    /**
     * Tells the monitor how many epochs the run trains, over all its trainers, so that the time
     * budget knows which checkpoint is the last (and runs every technique there) and can plan for
     * it. DJL gives no such signal: without it, each trainer's end counts as the end of the run
     * (docs/monitor.md, "The last checkpoint"). {@code MonitoredTraining} sets it from its plan.
     * Default: not given.
     *
     * @param epochs at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs} is below 1
     */
    public CScoreMonitorBuilder optExpectedEpochs(int epochs) {
        this.expectedEpochs = atLeastOne("expectedEpochs", epochs);
        return this;
    }

    /**
     * Sets the circuit breaker configuration shared by the techniques' breakers. Its clock ticks
     * once per checkpoint, so its durations count checkpoints as seconds. Default: {@link
     * #defaultCircuitBreaker()}.
     *
     * @param config the breaker configuration
     * @return this builder
     */
    public CScoreMonitorBuilder optCircuitBreaker(CircuitBreakerConfig config) {
        this.circuitBreaker = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Adds a sink that receives every checkpoint result, in the order sinks were added. A sink
     * that is {@link AutoCloseable} is closed with the monitor. A sink that throws is counted
     * under its name ({@link io.github.cscore.control.MonitorStatistics#sinkFailures}) and the others still receive the
     * result. Its name is its class's simple name, or {@code sink-<n>} for a lambda (n counts from
     * 1 in the order added). Default: none.
     *
     * @param sink the sink
     * @return this builder
     */
    public CScoreMonitorBuilder optSink(Consumer<CheckpointResult> sink) {
        Objects.requireNonNull(sink, "sink");
        Class<?> type = sink.getClass();
        boolean anonymous = type.isSynthetic() || type.isAnonymousClass() || type.getSimpleName().contains("$$Lambda");
        return optSink(anonymous ? "sink-" + (sinks.size() + 1) : type.getSimpleName(), sink);
    }

    /**
     * Adds a sink under a name of one's choosing, such as {@code timeline} or {@code prometheus};
     * see {@link #optSink(Consumer)}.
     *
     * @param name a non-blank name, unique among the monitor's sinks
     * @param sink the sink
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public CScoreMonitorBuilder optSink(String name, Consumer<CheckpointResult> sink) {
        nonBlank("sink name", name);
        Objects.requireNonNull(sink, "sink");
        if (sinks.stream().anyMatch(existing -> existing.name().equals(name))) {
            throw new IllegalArgumentException("sink name '" + name + "' is already used");
        }
        sinks.add(new NamedSink(name, sink));
        return this;
    }

    /**
     * Keeps the CAM maps of a few fixed validation images at every checkpoint, for a person to
     * follow the same images across epochs (the HTML report shows them as overlays). The images
     * are the first {@code perClass} of each class in the fixed sample, itself a random draw by
     * the seed; each is explained for its true class by every technique that scored at the
     * checkpoint, in a pass of its own after the scores, so the scores and their timings are the
     * same with or without examples. A sink that throws is counted under {@code example-maps}
     * ({@link io.github.cscore.control.MonitorStatistics#sinkFailures}) and training goes on. Typically the sink is a
     * {@code io.github.cscore.timeline.ExampleMapsWriter}. Default: off.
     *
     * @param perClass images per class, at least 1 (a class with fewer sample images gives all it has)
     * @param sink receives the maps of each checkpoint
     * @return this builder
     */
    public CScoreMonitorBuilder optExampleImages(int perClass, Consumer<ExampleMaps> sink) {
        this.examplesPerClass = atLeastOne("examplesPerClass", perClass);
        this.exampleSink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Sets where {@link CScoreMonitor#requestSnapshot(String)} saves the model (for example when an
     * alert fires). Default: none, and snapshot requests are logged and ignored.
     *
     * @param directory the folder, created when the first snapshot is saved
     * @return this builder
     */
    public CScoreMonitorBuilder optSnapshotDirectory(Path directory) {
        this.snapshotDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Hands over the implementation of one technique: one of one's own ({@code Technique.of}), a
     * variant or instrumented one of a built-in technique, or Score-CAM configured otherwise
     * ({@code new ScoreCam(new ScoreCamConfig(8, 64))}). Default: the implementations of package
     * {@code cam} at their defaults.
     *
     * @param implementation the implementation, used for {@code implementation.technique()}
     * @return this builder
     */
    public CScoreMonitorBuilder optImplementation(CamTechnique implementation) {
        implementations.add(Objects.requireNonNull(implementation, "implementation"));
        return this;
    }

    /**
     * Checks the configuration, draws the fixed validation sample, checks the engine once per
     * process ({@code EngineCheck}, docs/engine.md) and builds the monitor.
     *
     * @return the monitor
     * @throws IllegalArgumentException naming the problem: missing validation data or network, an
     *     empty validation set, a class without validation images, an unknown tap
     */
    public CScoreMonitor build() {
        if (validation == null) {
            throw new IllegalArgumentException("validation data is required (setValidationData)");
        }
        if (block == null) {
            throw new IllegalArgumentException("the network is required (setNetwork or setBlock)");
        }
        TappedModel.requireTaps(block, taps.all());
        requireScorable();
        requireImplementations();
        ValidationFit.require(block, validation.imageShape(), validation.classNames());
        ValidationSample sample = ValidationSample.draw(validation, samplePerClass, seed);
        // Once per process: where batched convolutions are wrong, maps are computed one image at
        // a time; where even that is wrong, techniques are skipped instead of publishing noise.
        EngineCheckResult engine = engineCheck != null ? engineCheck : EngineCheck.run();
        MonitorSettings settings = new MonitorSettings(block, taps, techniques, checkpointEvery, checkpointEverySteps,
                new CScore(cscore), batchSize, phase, runName,
                modelName == null ? "model" : modelName, techniqueTimeout, monitorShare, expectedEpochs, nanoTime,
                circuitBreaker, sinks, withScoreCam(),
                snapshotDirectory, engine, samplePerClass, seed, examplesPerClass, exampleSink);
        return new CScoreMonitor(settings, sample);
    }

    /** A sample smaller than the minimum gold list could never give a score: every one undefined. */
    private void requireScorable() {
        int minGoldSize = cscore.minGoldSize();
        if (samplePerClass < minGoldSize) {
            throw new IllegalArgumentException("samplePerClass (" + samplePerClass + ") is below the C-Score's minGoldSize ("
                    + minGoldSize + "): no class could ever be scored; raise samplePerClass or lower minGoldSize");
        }
    }

    /** Every chosen technique has code to run, and every implementation handed over is chosen. */
    private void requireImplementations() {
        Set<Technique> supplied = new HashSet<>();
        implementations.forEach(implementation -> supplied.add(implementation.technique()));
        for (Technique technique : techniques) {
            if (!technique.isBuiltIn() && !supplied.contains(technique)) {
                throw new IllegalArgumentException("technique '" + technique.label() + "' is chosen but not built in: "
                        + "hand over its implementation with optImplementation");
            }
        }
        for (Technique technique : supplied) {
            if (!techniques.contains(technique)) {
                throw new IllegalArgumentException("optImplementation was given for technique '" + technique.label()
                        + "', which optTechniques does not choose");
            }
        }
    }

    /**
     * The implementations handed over, plus the Score-CAM that runs when it is chosen and none was
     * handed over, so that the instance the monitor runs is the one place its configuration is read
     * from ({@link CScoreMonitor#scoringSettings()}).
     */
    private List<CamTechnique> withScoreCam() {
        boolean given = implementations.stream().anyMatch(i -> i.technique().equals(Technique.SCORE_CAM));
        if (given && scoreCam != null) {
            throw new IllegalArgumentException("Score-CAM is configured twice, by optScoreCam and by optImplementation; "
                    + "give one");
        }
        List<CamTechnique> all = new ArrayList<>(implementations);
        if (!given && techniques.contains(Technique.SCORE_CAM)) {
            all.add(scoreCam == null ? new ScoreCam() : new ScoreCam(scoreCam));
        }
        return all;
    }

    /** Replaces the clock the time budget measures with: for tests that must not time anything. */
    CScoreMonitorBuilder optClock(LongSupplier clock) {
        this.nanoTime = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Replaces the engine self-check's outcome: for tests of the safe and the refused paths. */
    CScoreMonitorBuilder optEngineCheck(EngineCheckResult outcome) {
        this.engineCheck = Objects.requireNonNull(outcome, "outcome");
        return this;
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
        return value;
    }

    private static String nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, but was '" + value + "'");
        }
        return value;
    }
}
