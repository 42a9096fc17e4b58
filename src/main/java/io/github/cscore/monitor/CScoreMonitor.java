package io.github.cscore.monitor;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.Technique;
import io.github.cscore.model.CamTaps;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A DJL training listener that scores explanation consistency at every checkpoint.
 *
 * <p>Every {@code checkpointEvery} epochs it runs the model, in inference mode, over a fixed,
 * stratified validation sample; keeps each class's gold list (correct and confident images);
 * explains those with every enabled CAM technique from shared passes; computes each technique's
 * C-Score per class and overall, accuracy and AUC; and hands the immutable {@link
 * CheckpointResult} to its sinks.
 *
 * <p>It is a pure observer: with the same seed, training ends with bitwise the same parameters
 * with or without it. It never throws into training: a failing or slow technique is skipped and
 * counted (each under its own circuit breaker and time budget), and any other failure of a
 * checkpoint is logged once and counted.
 *
 * <pre>{@code
 * CScoreMonitor monitor = CScoreMonitor.builder()
 *         .setValidationData(validation)          // required
 *         .setNetwork(network)                    // required (or setBlock)
 *         .optCheckpointEvery(2)                  // default 1
 *         .optTechniques(Technique.GRAD_CAM, Technique.SCORE_CAM)
 *         .optSink(result -> System.out.println(result.macroAuc()))
 *         .build();
 * config.addTrainingListeners(monitor);
 * }</pre>
 */
public final class CScoreMonitor implements TrainingListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CScoreMonitor.class);

    /** The model property DJL's {@code SaveModelTrainingListener} records the saved epoch in. */
    private static final String SAVED_EPOCH_PROPERTY = "Epoch";

    private final MonitorSettings settings;
    private final ValidationSample sample;
    private final TechniqueGuards guards;
    private final MonitorStatistics statistics = new MonitorStatistics();
    private final AtomicReference<CheckpointResult> latest = new AtomicReference<>();
    private final Set<String> loggedFailures = new HashSet<>();
    private CheckpointScorer scorer;
    private int epoch;
    private volatile boolean trainingActive;

    CScoreMonitor(MonitorSettings settings, ValidationSample sample) {
        this.settings = settings;
        this.sample = sample;
        this.guards = new TechniqueGuards(settings.techniques(), settings.circuitBreaker(), settings.timeBudget());
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static CScoreMonitorBuilder builder() {
        return new CScoreMonitorBuilder();
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        if (settings.isCheckpointEpoch(epoch)) {
            checkpoint(trainer);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {}

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {}

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        // The trainer calls this from its constructor, before its parameters exist: touch nothing.
        trainingActive = true;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        trainingActive = false;
    }

    /**
     * Scores a checkpoint now, whatever the schedule. Never throws; a failure is logged once and
     * counted. Useful as {@code SaveModelTrainingListener}'s save callback (see {@link
     * #saveModelCallback()}).
     *
     * @param trainer the trainer whose model is scored
     * @return the result, or empty if the checkpoint failed
     */
    public Optional<CheckpointResult> checkpoint(Trainer trainer) {
        return checkpointAt(trainer, epoch);
    }

    private Optional<CheckpointResult> checkpointAt(Trainer trainer, int epoch) {
        try {
            CheckpointResult result = score(trainer, epoch);
            statistics.countCheckpoint();
            countSkips(result);
            latest.set(result);
            publish(result);
            return Optional.of(result);
        } catch (RuntimeException | LinkageError e) {
            statistics.countSkip(SkipReason.ERROR);
            logOnce("checkpoint", "checkpoint at epoch " + epoch + " failed and was skipped", e);
            return Optional.empty();
        }
    }

    /**
     * Returns a callback for {@code SaveModelTrainingListener.setSaveModelCallback}, so that a
     * checkpoint is scored each time the model is saved, labelled with the epoch being saved.
     * Use it instead of the epoch schedule (build with {@link
     * CScoreMonitorBuilder#optCheckpointOnSaveOnly()}), not in addition to it.
     *
     * @return the callback
     */
    public Consumer<Trainer> saveModelCallback() {
        return trainer -> checkpointAt(trainer, savedEpoch(trainer));
    }

    /**
     * The epoch a save is for. The save listener writes it into the model's {@code Epoch}
     * property before calling back, so it is right whichever of the two listeners DJL calls
     * first at the end of an epoch; the monitor's own count may not yet have moved.
     */
    private int savedEpoch(Trainer trainer) {
        try {
            String saved = trainer.getModel().getProperty(SAVED_EPOCH_PROPERTY);
            return saved == null ? epoch : Integer.parseInt(saved);
        } catch (RuntimeException e) {
            return epoch;
        }
    }

    /**
     * Returns the result of the last checkpoint that produced one.
     *
     * @return the latest result, if any
     */
    public Optional<CheckpointResult> latest() {
        return Optional.ofNullable(latest.get());
    }

    /**
     * Returns the running counts of checkpoints and skips.
     *
     * @return the statistics
     */
    public MonitorStatistics statistics() {
        return statistics;
    }

    /**
     * Returns the fixed validation sample.
     *
     * @return the sample
     */
    public ValidationSample sample() {
        return sample;
    }

    /**
     * Returns the circuit breaker of each technique (named {@code cam-<label>}), for binding
     * their metrics.
     *
     * @return the breakers
     */
    public List<CircuitBreaker> circuitBreakers() {
        return guards.breakers();
    }

    /**
     * Tells whether training is running (between the trainer's creation and its close).
     *
     * @return true while training
     */
    public boolean isTrainingActive() {
        return trainingActive;
    }

    /** Closes the sinks that need closing (such as the timeline file). */
    @Override
    public void close() {
        for (Consumer<CheckpointResult> sink : settings.sinks()) {
            if (sink instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    logOnce("close", "closing a sink failed", e);
                }
            }
        }
    }

    private CheckpointResult score(Trainer trainer, int epoch) {
        Block block = trainer.getModel().getBlock();
        if (block != settings.block()) {
            throw new IllegalStateException("the trainer's block is not the block this monitor was built for");
        }
        if (scorer == null) {
            scorer = new CheckpointScorer(explainer(block, settings.taps()), sample, settings.cscore(),
                    settings.batchSize(), guards);
        }
        Phase phase = settings.phase() != null ? settings.phase() : inferPhase(block);
        CheckpointScorer.Identity identity =
                new CheckpointScorer.Identity(settings.runName(), settings.modelName(), epoch, phase);
        try (NDManager scope = trainer.getManager().newSubManager()) {
            return scorer.score(scope, identity);
        }
    }

    private CamExplainer explainer(Block block, CamTaps taps) {
        CamExplainer.Builder builder = CamExplainer.builder()
                .setBlock(block)
                .setTaps(taps)
                .optTechniques(settings.techniques().toArray(Technique[]::new))
                .optScoreCam(settings.scoreCam());
        settings.implementations().forEach(builder::optImplementation);
        return builder.build();
    }

    /** Transfer learning while any weight of the block is frozen, fine-tuning otherwise. */
    static Phase inferPhase(Block block) {
        boolean frozen = block.getParameters().values().stream()
                .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                .anyMatch(p -> !p.requiresGradient());
        return frozen ? Phase.TRANSFER : Phase.FINETUNE;
    }

    private void countSkips(CheckpointResult result) {
        if (result.skipReason() != null) {
            statistics.countSkip(result.skipReason());
            logOnce("degenerate", result.detail(), null);
            return;
        }
        for (TechniqueResult technique : result.techniques().values()) {
            if (!technique.isScored()) {
                statistics.countSkip(technique.skipReason());
                logOnce(technique.technique().label() + ":" + technique.skipReason().label(),
                        technique.technique().displayName() + " skipped at epoch " + result.epoch() + ": "
                                + technique.detail(), null);
            }
        }
    }

    private void publish(CheckpointResult result) {
        for (Consumer<CheckpointResult> sink : settings.sinks()) {
            try {
                sink.accept(result);
            } catch (RuntimeException e) {
                statistics.countSkip(SkipReason.ERROR);
                logOnce("sink:" + sink.getClass().getName(), "a checkpoint sink failed", e);
            }
        }
    }

    /** Logs the first occurrence of each kind of failure as a warning, later ones at debug level. */
    private void logOnce(String kind, String message, Throwable error) {
        boolean first;
        synchronized (loggedFailures) {
            first = loggedFailures.add(kind);
        }
        if (first) {
            LOG.warn("{} (further occurrences are logged at debug level)", message, error);
        } else {
            LOG.debug(message, error);
        }
    }
}
