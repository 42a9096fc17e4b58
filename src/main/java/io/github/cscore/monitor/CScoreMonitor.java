package io.github.cscore.monitor;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.control.MonitorStatistics;
import io.github.cscore.control.MonitorView;
import io.github.cscore.control.TrainingControl;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.Phase;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.storage.FileError;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A DJL training listener that scores explanation consistency at every checkpoint.
 *
 * <p>Every {@code checkpointEvery} epochs it runs the model, in inference mode, over a fixed,
 * stratified validation sample; keeps each class's gold list (correct and confident images);
 * explains those with every enabled CAM technique from shared passes; computes each technique's
 * C-Score per class and overall, accuracy and AUC; and hands the immutable {@link
 * CheckpointResult} to its sinks.
 *
 * <p>It keeps to a share of the run's wall time ({@link CScoreMonitorBuilder#optMonitorShare},
 * 10 % by default): a technique whose cost would break it runs exact at every k-th checkpoint and
 * at the last, and is reported {@code scheduled_out} at the others ({@link #timeShare()} tells
 * the split so far).
 *
 * <p>It is a pure observer: with the same seed, training ends with bitwise the same parameters
 * with or without it. It never throws into training: a failing or slow technique is skipped and
 * counted (each under its own circuit breaker and timeout), and any other failure of a
 * checkpoint is logged once and counted.
 *
 * <p>Components around it see it through narrow ports: alert actions through {@link
 * TrainingControl}, exporters and evaluators through the read-only {@link MonitorView}.
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
public final class CScoreMonitor implements TrainingListener, TrainingControl, MonitorView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CScoreMonitor.class);

    /** The name snapshot failures are counted under, beside the sinks'. */
    static final String SNAPSHOT = "snapshot";

    /** The model property DJL's {@code SaveModelTrainingListener} records the saved epoch in. */
    private static final String SAVED_EPOCH_PROPERTY = "Epoch";

    private final MonitorSettings settings;
    private final ValidationSample sample;
    private final TechniqueGuards guards;
    private final RunningCounts statistics;
    private final AtomicReference<CheckpointResult> latest = new AtomicReference<>();
    private final Set<String> loggedFailures = new HashSet<>();
    private final Requests requests = new Requests();
    private final ExampleRecorder examples;
    /** What each technique's example maps took at the last checkpoint; charged to it by the budget. */
    private Map<Technique, Double> exampleSeconds = Map.of();
    private CheckpointScorer scorer;
    private final CheckpointSchedule schedule;
    private final MonitorBudget budget;
    /** A checkpoint held back until the next callback tells whether it was the run's last. */
    private Pending pending;
    /** The latest result of a checkpoint the budget planned. */
    private CheckpointResult lastPlanned;
    private volatile boolean trainingActive;
    /** True once this monitor stopped training on request: that trainer's end is the run's. */
    private boolean stopped;
    private volatile Thread trainingThread;

    CScoreMonitor(MonitorSettings settings, ValidationSample sample) {
        this.settings = settings;
        this.schedule = settings.newSchedule();
        this.sample = sample;
        this.guards = new TechniqueGuards(settings.techniques(), settings.circuitBreaker(), settings.techniqueTimeout(),
                settings.nanoTime());
        this.budget = new MonitorBudget(settings.monitorShare(), settings.techniques(), settings.nanoTime());
        Set<String> sinkNames = new LinkedHashSet<>();
        settings.sinks().forEach(sink -> sinkNames.add(sink.name()));
        this.examples = settings.examplesPerClass() == MonitorSettings.NO_EXAMPLES ? null
                : ExampleRecorder.of(sample, settings.examplesPerClass(), settings.exampleSink(), settings.batchSize());
        if (examples != null) {
            sinkNames.add(ExampleRecorder.SINK_NAME);
        }
        this.statistics = new RunningCounts(sinkNames);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static CScoreMonitorBuilder builder() {
        return new CScoreMonitorBuilder();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scores a checkpoint when the schedule says so or one was requested, then carries out
     * requested snapshots. The only exception it lets out is the {@link TrainingStoppedException}
     * of a {@link #requestStop(String) requested stop}.
     */
    @Override
    public void onEpoch(Trainer trainer) {
        trainingThread = Thread.currentThread();
        if (schedule.epochEnds() | requests.takeCheckpoint()) {
            checkpointAt(trainer, schedule.epoch(), schedule.stepAt(false), true);
        }
        requests.takeSnapshots().forEach(label -> saveSnapshot(trainer, label));
        String stop = requests.takeStop();
        if (stop != null) {
            stopped = true;
            throw new TrainingStoppedException(schedule.epoch(), stop);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a step schedule ({@link CScoreMonitorBuilder#optCheckpointEverySteps}), scores a
     * checkpoint when the updates applied so far reach the next multiple of the interval: DJL calls
     * this after the batch's backward pass and before its update, and the checkpoint leaves the
     * pending gradients as they are.
     */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        trainingThread = Thread.currentThread();
        if (pending != null) {
            long start = budget.time().monitorBegins();
            try {
                settlePending(trainer, false);
            } finally {
                budget.time().monitorEnds(start);
            }
        }
        if (schedule.batchBegins()) {
            checkpointAt(trainer, schedule.epoch(), schedule.stepAt(true), false);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {}

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        // The trainer calls this from its constructor, before its parameters exist: touch nothing.
        trainingThread = Thread.currentThread();
        trainingActive = true;
        budget.time().trainingBegins();
    }

    /**
     * {@inheritDoc}
     *
     * <p>At the end of the run (the expected epochs trained, or any trainer's end when none were
     * given: {@link CScoreMonitorBuilder#optExpectedEpochs}), a technique the time budget left out
     * of the last checkpoint is scored there after all: a checkpoint held back for this is scored
     * again with every technique and published; if training went on after the last checkpoint, the
     * end is scored as a checkpoint of its own.
     */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        budget.time().trainingEnds();
        long start = budget.time().monitorBegins();
        try {
            if (stopped || schedule.isOver()) {
                finishRun(trainer);
            } else {
                settlePending(trainer, false);
            }
        } finally {
            budget.time().countAsEnd(budget.time().monitorEnds(start));
            trainingActive = false;
            trainingThread = null;
        }
    }

    /**
     * Scores a checkpoint now, whatever the schedule. A failure is logged once and counted. Call
     * it on the thread that trains (between steps), or when no training runs: the checkpoint's
     * backward pass must not overlap a training step. From any other thread use {@link
     * #requestCheckpoint()}.
     *
     * @param trainer the trainer whose model is scored
     * @return the result, or empty if the checkpoint failed
     * @throws IllegalStateException if called from another thread while training runs
     */
    public Optional<CheckpointResult> checkpoint(Trainer trainer) {
        Thread training = trainingThread;
        if (trainingActive && training != null && training != Thread.currentThread()) {
            throw new IllegalStateException("checkpoint(trainer) was called on thread '" + Thread.currentThread().getName()
                    + "' while thread '" + training.getName() + "' trains; a checkpoint cannot overlap a training "
                    + "step: call requestCheckpoint() to have it scored at the end of the current epoch");
        }
        return checkpointAt(trainer, schedule.epoch(), schedule.stepAt(false), false);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The checkpoint is scored on the training thread, at the end of the current epoch.
     */
    @Override
    public void requestCheckpoint() {
        requests.checkpoint();
    }

    /**
     * {@inheritDoc}
     *
     * <p>After that epoch's checkpoint, {@link #onEpoch} throws a {@link
     * TrainingStoppedException} carrying the epoch and the reason, which ends {@code
     * EasyTrain.fit}. Used by the opt-in "stop training" alert action.
     *
     * @param reason why, in one line
     */
    @Override
    public void requestStop(String reason) {
        requests.stop(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The model is saved into the snapshot folder
     * ({@link CScoreMonitorBuilder#optSnapshotDirectory}), as {@code <model>-<label>-<epoch>}.
     * Safe from any thread; used by the opt-in "snapshot" alert action. Without a snapshot folder
     * the request is logged and ignored.
     *
     * @param label what the snapshot is for, e.g. the alert's rule; letters, digits, {@code -} and
     *     {@code _}
     */
    @Override
    public void requestSnapshot(String label) {
        requests.snapshot(Objects.requireNonNull(label, "label").replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /**
     * Scores a checkpoint of a model that is not training: parameters loaded from a file, as a
     * sidecar evaluator does ({@code io.github.cscore.evaluate.SidecarEvaluator}). It runs the same
     * code as a checkpoint during training, and with the same parameters, scoring settings and
     * validation data gives the same numbers. The result goes to the sinks like any other; a
     * failure is logged once, counted, and gives an empty result.
     *
     * @param model the model holding this monitor's block, with the checkpoint's parameters
     * @param epoch the epoch the parameters were saved at, reported in the result
     * @param phase the training phase at that epoch, reported unless the phase was fixed with
     *     {@link CScoreMonitorBuilder#optPhase}, which wins as it does during training
     * @return the result, or empty if the checkpoint failed
     * @throws IllegalStateException if training runs on another thread
     */
    public Optional<CheckpointResult> scoreCheckpoint(Model model, int epoch, Phase phase) {
        return scoreCheckpoint(model, epoch, -1, phase);
    }

    /**
     * Scores a checkpoint of a model that is not training, as {@link #scoreCheckpoint(Model, int,
     * Phase)} does, reporting the training step the parameters were saved at.
     *
     * @param model the model holding this monitor's block, with the checkpoint's parameters
     * @param epoch the epoch the parameters were saved at
     * @param step the optimiser updates completed when they were saved, -1 if unknown
     * @param phase the training phase at that epoch
     * @return the result, or empty if the checkpoint failed
     * @throws IllegalStateException if training runs on another thread
     */
    public Optional<CheckpointResult> scoreCheckpoint(Model model, int epoch, int step, Phase phase) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(phase, "phase");
        Thread training = trainingThread;
        if (trainingActive && training != null && training != Thread.currentThread()) {
            throw new IllegalStateException("scoreCheckpoint was called while thread '" + training.getName()
                    + "' trains; a checkpoint cannot overlap a training step");
        }
        settlePending(null, false);
        CheckpointResult.Identity identity = identity(epoch, step, phase);
        return checkpointAt(() -> score(model.getBlock(), model.getNDManager(), identity, CheckpointSchedule.UNKNOWN,
                false), model.getNDManager(), epoch, false);
    }

    /**
     * Scores a checkpoint of the trainer's model. While a trainer runs, the time budget plans it;
     * one taken at the end of an epoch that leaves a technique out is held back until the next
     * callback when the run's end is not known, so that, if it was the last, it is published with
     * every technique ({@link #onTrainingEnd}).
     */
    private Optional<CheckpointResult> checkpointAt(Trainer trainer, int epoch, int step, boolean atEpochEnd) {
        long start = budget.time().monitorBegins();
        boolean planned = budget.time().isTraining() && !budget.isUnlimited();
        Optional<CheckpointResult> result = Optional.empty();
        int remaining = CheckpointSchedule.UNKNOWN;
        try {
            settlePending(trainer, false);
            schedule.scoredAt(step);
            int left = schedule.remainingAfter(step, atEpochEnd);
            remaining = left;
            CheckpointResult.Identity identity = identity(epoch, step, null);
            result = checkpointAt(() -> score(trainer.getModel().getBlock(), trainer.getManager(), identity, left,
                    planned), trainer.getManager(), epoch, planned && atEpochEnd && left == CheckpointSchedule.UNKNOWN);
            return result;
        } finally {
            double seconds = budget.time().monitorEnds(start);
            if (planned && remaining == 0) {
                budget.time().countAsEnd(seconds);
            }
            if (planned && result.isPresent()) {
                lastPlanned = result.get();
                budget.record(result.get(), seconds, technique -> scorer.explainedImages(technique, lastPlanned),
                        exampleSeconds);
            }
        }
    }

    /**
     * Publishes the checkpoint held back, as it is when training went on, or, at the end of the
     * run, scored again with every technique (the parameters have not changed since).
     */
    private void settlePending(Trainer trainer, boolean complete) {
        Pending held = pending;
        if (held == null) {
            return;
        }
        pending = null;
        if (!complete || trainer == null) {
            checkpointAt(() -> held.result(), held.manager(), held.result().epoch(), false);
            return;
        }
        scorer.abandon();
        CheckpointResult.Identity identity = held.result().identity();
        checkpointAt(() -> score(trainer.getModel().getBlock(), trainer.getManager(), identity,
                CheckpointSchedule.UNKNOWN, false), trainer.getManager(), identity.epoch(), false);
    }

    /**
     * Ends the run: a technique the budget left out of the last checkpoint is scored after all,
     * on that checkpoint if it was held back, or on the end of training if training went on.
     */
    private void finishRun(Trainer trainer) {
        if (pending != null) {
            settlePending(trainer, true);
            return;
        }
        CheckpointResult last = lastPlanned;
        int step = schedule.stepAt(false);
        if (last != null && last.skips().contains(SkipReason.SCHEDULED_OUT) && step > last.step()) {
            schedule.scoredAt(step);
            CheckpointResult.Identity identity = identity(schedule.epoch(), step, null);
            checkpointAt(() -> score(trainer.getModel().getBlock(), trainer.getManager(), identity,
                    CheckpointSchedule.UNKNOWN, false), trainer.getManager(), identity.epoch(), false);
        }
        lastPlanned = null;
    }

    /** A scored checkpoint not yet published, and the manager its example maps are computed in. */
    private record Pending(CheckpointResult result, NDManager manager) {}

    /** The identity a checkpoint reports; the phase is the fixed one, else the given one, else inferred. */
    private CheckpointResult.Identity identity(int epoch, int step, Phase given) {
        Phase phase = settings.phase() != null ? settings.phase() : given != null ? given : inferPhase(settings.block());
        return new CheckpointResult.Identity(settings.runName(), settings.modelName(), epoch, step, phase);
    }

    private synchronized Optional<CheckpointResult> checkpointAt(
            Supplier<CheckpointResult> scoring, NDManager manager, int epoch, boolean holdBack) {
        try {
            CheckpointResult result = scoring.get();
            if (holdBack && result.skips().contains(SkipReason.SCHEDULED_OUT)) {
                pending = new Pending(result, manager);
                return Optional.of(result);
            }
            if (result.isScored()) {
                scorer.commit(result);
            }
            statistics.countCheckpoint();
            countSkips(result);
            latest.set(result);
            publish(result);
            recordExamples(manager, result);
            return Optional.of(result);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            statistics.countSkip(SkipReason.ERROR);
            logOnce("checkpoint", "checkpoint at epoch " + epoch + " failed and was skipped", e);
            return Optional.empty();
        }
    }

    /**
     * Explains the example images and hands their maps to the example sink. A failure here, in
     * the pass or in the sink, is counted as the example sink's and never fails the checkpoint.
     */
    private void recordExamples(NDManager manager, CheckpointResult result) {
        exampleSeconds = Map.of();
        if (examples == null || !result.isScored()) {
            return;
        }
        try (NDManager scope = manager.newSubManager()) {
            exampleSeconds = examples.record(scorer.explainer(), scope, result);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            statistics.countSinkFailure(ExampleRecorder.SINK_NAME);
            logOnce("sink:" + ExampleRecorder.SINK_NAME, "example maps at epoch " + result.epoch() + " failed", e);
        }
    }

    /**
     * Returns the fixed example images whose maps are kept at every checkpoint ({@link
     * CScoreMonitorBuilder#optExampleImages}).
     *
     * @return the images, class by class; empty when example maps are off
     */
    public List<ExampleImage> exampleImages() {
        return examples == null ? List.of() : examples.images();
    }

    private void saveSnapshot(Trainer trainer, String label) {
        Path folder = settings.snapshotDirectory();
        if (folder == null) {
            logOnce("snapshot-folder", "a snapshot '" + label + "' was requested but no snapshot folder is set "
                    + "(optSnapshotDirectory); nothing was saved", null);
            return;
        }
        int epoch = schedule.epoch();
        String name = settings.modelName() + "-" + label + "-" + epoch;
        long start = budget.time().monitorBegins();
        try {
            trainer.getModel().save(folder, name);
            LOG.info("saved a snapshot of the model at epoch {} in {} as {}", epoch, folder, name);
        } catch (IOException | RuntimeException e) {
            statistics.countSinkFailure(SNAPSHOT);
            logOnce("snapshot", "saving the snapshot " + name + " in " + folder + " failed", e);
        } finally {
            budget.time().monitorEnds(start);
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
        return trainer -> checkpointAt(trainer, savedEpoch(trainer), schedule.stepAt(false), false);
    }

    /**
     * The epoch a save is for. The save listener writes it into the model's {@code Epoch}
     * property before calling back, so it is right whichever of the two listeners DJL calls
     * first at the end of an epoch; the monitor's own count may not yet have moved.
     */
    private int savedEpoch(Trainer trainer) {
        try {
            String saved = trainer.getModel().getProperty(SAVED_EPOCH_PROPERTY);
            return saved == null ? schedule.epoch() : Integer.parseInt(saved);
        } catch (RuntimeException e) {
            return schedule.epoch();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<CheckpointResult> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** {@inheritDoc} */
    @Override
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
     * Returns the circuit breaker of each technique (named {@code cam-<label>}).
     *
     * @return the breakers, in technique order
     */
    public List<CircuitBreaker> circuitBreakers() {
        return guards.breakers();
    }

    /** {@inheritDoc} */
    @Override
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return guards.registry();
    }

    /** {@inheritDoc} */
    @Override
    public List<Technique> techniques() {
        return settings.techniques().stream().sorted().toList();
    }

    /** {@inheritDoc} */
    @Override
    public List<String> classNames() {
        return sample.classNames();
    }

    /**
     * Returns the settings that decide this monitor's numbers, for rebuilding an equal monitor
     * elsewhere (a sidecar evaluator).
     *
     * @return the scoring settings
     */
    public ScoringSettings scoringSettings() {
        // Read from the Score-CAM instance the monitor runs: there is no other copy of its settings.
        ScoreCamConfig scoreCam = settings.implementations().stream()
                .filter(ScoreCam.class::isInstance).map(i -> ((ScoreCam) i).config())
                .findFirst().orElse(ScoreCamConfig.ofDefaults());
        return new ScoringSettings(settings.techniques(), settings.samplePerClass(), settings.batchSize(),
                settings.seed(), settings.cscore().config(), scoreCam, settings.phase());
    }

    /** {@inheritDoc} */
    @Override
    public String runName() {
        return settings.runName();
    }

    /** {@inheritDoc} */
    @Override
    public String modelName() {
        return settings.modelName();
    }

    /** {@inheritDoc} */
    @Override
    public boolean isTrainingActive() {
        return trainingActive;
    }

    /**
     * Returns how the run's wall time has been split between training and this monitor so far,
     * and the share the monitor may take ({@link CScoreMonitorBuilder#optMonitorShare}).
     *
     * @return the split, live; safe from any thread
     */
    public TimeShare timeShare() {
        return budget.share();
    }

    /** Publishes a checkpoint still held back, then closes the sinks that need closing (such as the timeline file). */
    @Override
    public void close() {
        settlePending(null, false);
        for (NamedSink named : settings.sinks()) {
            if (named.sink() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    logOnce("close", "closing a sink failed", e);
                }
            }
        }
    }

    /**
     * Scores the block as it is now; a checkpoint taken during training as the time budget plans
     * it, given the checkpoints still to come ({@code remaining}, or unknown).
     */
    private CheckpointResult score(Block block, NDManager parent, CheckpointResult.Identity identity, int remaining,
            boolean planned) {
        if (block != settings.block()) {
            throw new IllegalStateException("the model's block is not the block this monitor was built for");
        }
        if (scorer == null) {
            scorer = new CheckpointScorer(explainer(block, settings.taps()), sample, settings.cscore(),
                    settings.batchSize(), guards, settings.engine().hasCorrectPath());
        }
        CheckpointPlan plan = CheckpointPlan.EVERYTHING;
        if (planned) {
            CheckpointResult previous = latest.get();
            Map<Technique, Integer> images = new TreeMap<>();
            settings.techniques().forEach(technique -> images.put(technique, expectedImages(technique, previous)));
            plan = budget.plan(remaining, images);
        }
        try (NDManager scope = parent.newSubManager()) {
            return scorer.score(scope, identity, plan);
        }
    }

    /**
     * The images a technique is expected to explain at the next checkpoint: what it explained at
     * the previous one, or, before any gold list, the whole sample, so that the first gold list
     * cannot make a technique of the gold images look free.
     */
    private int expectedImages(Technique technique, CheckpointResult previous) {
        int explained = previous == null ? 0 : scorer.explainedImages(technique, previous);
        return explained > 0 ? explained : sample.size();
    }

    private CamExplainer explainer(Block block, CamTaps taps) {
        CamExplainer.Builder builder = CamExplainer.builder()
                .setBlock(block)
                .setTaps(taps)
                .optTechniques(settings.techniques().toArray(Technique[]::new))
                .optOneImageAtATime(settings.engine().useSafePath());
        settings.implementations().forEach(builder::optImplementation);
        return builder.build();
    }

    /** Transfer learning while any weight of the block is frozen, fine-tuning otherwise. */
    static Phase inferPhase(Block block) {
        return Network.hasFrozenWeights(block) ? Phase.TRANSFER : Phase.FINETUNE;
    }

    /** Counts the checkpoint's skips as {@link CheckpointResult#skips()} defines them, and logs each kind once. */
    private void countSkips(CheckpointResult result) {
        result.skips().forEach(statistics::countSkip);
        if (!result.isScored()) {
            logOnce("degenerate", result.detail(), null);
            return;
        }
        for (TechniqueResult technique : result.techniques().values()) {
            if (!technique.isScored()) {
                logOnce(technique.technique().label() + ":" + technique.skipReason().label(),
                        technique.technique().displayName() + " skipped at epoch " + result.epoch() + ": "
                                + technique.detail(), null);
            }
        }
    }

    /**
     * Hands the result to every sink. A sink that throws, even an {@code Error} such as a failed
     * assertion, is counted under its name and logged; the others still get the result. Only the
     * JVM's own failures (out of memory, stack overflow) are let through.
     */
    private void publish(CheckpointResult result) {
        for (NamedSink named : settings.sinks()) {
            try {
                named.sink().accept(result);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                statistics.countSinkFailure(named.name());
                logOnce("sink:" + named.name(), "sink '" + named.name() + "' failed at epoch " + result.epoch(), e);
            }
        }
    }

    /**
     * Logs the first occurrence of each kind of failure as a one-line warning with its cause, later
     * ones at debug level; the stack trace goes only to the debug level, which a command line shows with {@code
     * --verbose}.
     */
    private void logOnce(String kind, String message, Throwable error) {
        boolean first;
        synchronized (loggedFailures) {
            first = loggedFailures.add(kind);
        }
        if (first) {
            LOG.warn("{}{} (further occurrences are logged at debug level)", message,
                    error == null ? "" : ": " + FileError.message(error));
        }
        LOG.debug(message, error);
    }
}
