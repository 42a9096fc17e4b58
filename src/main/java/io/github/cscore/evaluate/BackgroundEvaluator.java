package io.github.cscore.evaluate;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.FileError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores costly techniques (Score-CAM) off the training path, in the same process: a DJL
 * training listener that copies the model's parameters at the end of every epoch, on the training
 * thread, and hands the copy to a worker thread that loads it into a network of its own and scores
 * it there with {@link CScoreMonitor#scoreCheckpoint}, the code a live checkpoint runs. Each copy
 * scored becomes one checkpoint of the evaluator's own sinks (its timeline), with the phase and
 * step the copy was taken at, exactly as {@code cscore evaluate --follow} would record it from
 * saved files.
 *
 * <p>The copies wait in a bounded queue ({@link BackgroundEvaluatorBuilder#optQueueCapacity}).
 * When training outpaces the worker and the queue is full, the oldest waiting copy is dropped and
 * counted ({@link Statistics#dropped()}), so the worker always moves on to the newest parameters
 * and the last epoch's are always scored. {@link #close()} waits for the queue to empty.
 *
 * <p>Training does not wait: an epoch end costs one copy of the parameters (serialised to a
 * byte array, a few milliseconds at the demo's scale). The worker competes with training for the
 * CPU, though: on a machine whose cores training keeps busy, scoring in the background slows
 * training about as much as it scores (docs/performance.md measures both). Only techniques that
 * need no backward pass can run here (Score-CAM by default, Eigen-CAM): DJL's PyTorch engine lets
 * one gradient collector be open per process, and training holds it.
 *
 * <p>Failures stay here: a copy or a scoring that fails is logged once and counted, never thrown
 * into training.
 *
 * <pre>{@code
 * try (BackgroundEvaluator background = BackgroundEvaluator.builder()
 *         .setManifest(SnapshotManifest.of(architecture, config, monitor))  // rebuilds the network
 *         .setValidationData(validation)                                     // the live monitor's images
 *         .optSink("timeline", TimelineWriter.create(folder.resolve("background.jsonl")))
 *         .build()) {
 *     trainingConfig.addTrainingListeners(monitor, background);
 *     Training.fit(trainer, epochs, train, null);
 * }                                                                          // waits for the last epoch's scores
 * }</pre>
 */
public final class BackgroundEvaluator extends TrainingListenerAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundEvaluator.class);

    private final SnapshotManifest manifest;
    private final CScoreMonitor monitor;
    private final Model model;
    private final int capacity;
    private final int engineThreads;
    private final Object lock = new Object();
    private final Deque<Copy> queue = new ArrayDeque<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private int epoch;
    private int steps;
    // Guarded by lock.
    private boolean closing;
    private int taken;
    private int scored;
    private int dropped;
    private int failed;
    private long copyNanos;
    private long scoringNanos;
    private long lagNanos;
    private long longestLagNanos;
    private boolean warnedDrop;

    private BackgroundEvaluator(SnapshotManifest manifest, CScoreMonitor monitor, Model model, int capacity,
            int engineThreads) {
        this.manifest = manifest;
        this.monitor = monitor;
        this.model = model;
        this.capacity = capacity;
        this.engineThreads = engineThreads;
        this.worker = new Thread(this::work, "cscore-background-evaluator");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static BackgroundEvaluatorBuilder builder() {
        return new BackgroundEvaluatorBuilder();
    }

    /**
     * Builds the worker's network and monitor. Its network is initialised with constants, which
     * every copy then replaces: random initialisation would draw from the engine's generator and
     * change what training draws after it.
     */
    static BackgroundEvaluator create(BackgroundEvaluatorBuilder.Settings settings) {
        SnapshotManifest manifest = settings.manifest();
        if (!settings.validation().classNames().equals(manifest.classNames())) {
            throw new IllegalArgumentException("the validation data has classes " + settings.validation().classNames()
                    + " but the manifest's network was trained on " + manifest.classNames());
        }
        Network network = manifest.buildNetwork();
        ScoringSettings scoring = manifest.scoring();
        CScoreMonitorBuilder builder = CScoreMonitor.builder()
                .setValidationData(settings.validation())
                .setNetwork(network)
                .optCheckpointOnSaveOnly()
                .optTechniques(settings.techniques().toArray(Technique[]::new))
                .optScoreCam(settings.scoreCam())
                .optSamplePerClass(scoring.samplePerClass())
                .optBatchSize(scoring.batchSize())
                .optSeed(scoring.seed())
                .optCScore(scoring.cscore())
                .optTechniqueTimeout(settings.techniqueTimeout())
                .optRunName(manifest.run())
                .optModelName(manifest.model());
        if (scoring.phase() != null) {
            builder.optPhase(scoring.phase());
        }
        settings.sinks().forEach(builder::optSink);
        CScoreMonitor monitor = builder.build();
        Model model = Model.newInstance(manifest.model());
        model.setBlock(network.block());
        network.block().setInitializer(new ConstantInitializer(0f), parameter -> true);
        network.initialize(model.getNDManager());
        return new BackgroundEvaluator(manifest, monitor, model, settings.queueCapacity(), settings.engineThreads());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Copies the parameters and queues the copy for the worker, dropping the oldest waiting copy
     * if the queue is full. Never throws: a failed copy is logged once and counted.
     */
    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        long start = System.nanoTime();
        Copy copy;
        try {
            Block block = trainer.getModel().getBlock();
            copy = new Copy(epoch, steps, phaseOf(block), serialise(block), start);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                failed++;
            }
            warnOnce("copy", "copying the parameters of epoch " + epoch + " for the background evaluator failed: "
                    + FileError.message(e), e);
            return;
        }
        enqueue(copy, System.nanoTime() - start);
    }

    /** {@inheritDoc} Counts the optimiser updates, so that each copy records its step. */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        steps++;
    }

    private void enqueue(Copy copy, long nanos) {
        boolean warn = false;
        synchronized (lock) {
            copyNanos += nanos;
            if (closing) {
                return;
            }
            taken++;
            if (queue.size() >= capacity) {
                Copy oldest = queue.pollFirst();
                dropped++;
                warn = !warnedDrop;
                warnedDrop = true;
                LOG.debug("dropped the copy of epoch {}: the queue of {} was full", oldest.epoch(), capacity);
            }
            queue.addLast(copy);
            lock.notifyAll();
        }
        if (warn) {
            LOG.warn("training outpaces the background evaluator: the waiting copy of an earlier epoch was dropped "
                    + "for epoch {}'s (the count is in its statistics; further drops are logged at debug level)",
                    copy.epoch());
        }
    }

    /** The phase the live monitor infers, unless its scoring settings fixed one. */
    private Phase phaseOf(Block block) {
        if (manifest.scoring().phase() != null) {
            return manifest.scoring().phase();
        }
        return Network.hasFrozenWeights(block) ? Phase.TRANSFER : Phase.FINETUNE;
    }

    private static byte[] serialise(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /** The worker: scores copies in order until closed and the queue is empty. */
    private void work() {
        useEngineThreads(engineThreads);
        while (true) {
            Copy copy;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                copy = queue.pollFirst();
                if (copy == null) {
                    return;
                }
            }
            long start = System.nanoTime();
            boolean ok = score(copy);
            long end = System.nanoTime();
            synchronized (lock) {
                scoringNanos += end - start;
                if (ok) {
                    scored++;
                    lagNanos += end - copy.takenAt();
                    longestLagNanos = Math.max(longestLagNanos, end - copy.takenAt());
                } else {
                    failed++;
                }
            }
        }
    }

    /** Loads the copy into the worker's network and scores it; false if that failed (logged by the monitor or here). */
    private boolean score(Copy copy) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(copy.parameters()))) {
                model.getBlock().loadParameters(scope, in);
            }
            Optional<CheckpointResult> result = monitor.scoreCheckpoint(model, copy.epoch(), copy.step(), copy.phase());
            return result.isPresent();
        } catch (IOException | MalformedModelException | RuntimeException e) {
            warnOnce("score", "the background evaluator could not score epoch " + copy.epoch() + ": "
                    + FileError.message(e), e);
            return false;
        }
    }

    /** Logs the first failure of each kind as a warning, later ones and every trace at debug level. */
    private void warnOnce(String kind, String message, Throwable error) {
        if (warned.add(kind)) {
            LOG.warn("{} (further ones are logged at debug level)", message);
        }
        LOG.debug(message, error);
    }

    /**
     * Sets the engine threads of the calling thread's forward passes. PyTorch keeps the count per
     * native thread (OpenMP's setting), so training's own threads keep theirs; it also records the
     * count for threads created later, which is set back from a short-lived thread of its own.
     */
    static void useEngineThreads(int threads) {
        if (threads == BackgroundEvaluatorBuilder.ENGINE_THREADS
                || !"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return;
        }
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        Thread restore = new Thread(() -> JniUtils.setNumThreads(previous), "cscore-engine-threads");
        restore.start();
        try {
            restore.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns what the evaluator has done so far.
     *
     * @return the counts and times; safe from any thread
     */
    public Statistics statistics() {
        synchronized (lock) {
            return new Statistics(taken, scored, dropped, failed, queue.size(), copyNanos / 1e9, scoringNanos / 1e9,
                    scored == 0 ? 0 : lagNanos / 1e9 / scored, longestLagNanos / 1e9);
        }
    }

    /**
     * Stops taking copies, waits for the worker to score those still queued, then closes the
     * sinks (such as the timeline) and the worker's network. Idempotent.
     *
     * @throws IllegalStateException if interrupted while waiting (the queued copies are then lost)
     */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the background evaluator finished its queue", e);
        } finally {
            if (!worker.isAlive()) {
                try {
                    monitor.close();
                } finally {
                    model.close();
                }
            }
        }
    }

    /**
     * What a background evaluator has done.
     *
     * @param taken the copies queued (one per epoch, unless a copy failed or the evaluator was closed)
     * @param scored the copies scored and handed to the sinks
     * @param dropped the copies dropped unscored because a newer one came while the queue was full
     * @param failed the copies that could not be taken or scored
     * @param waiting the copies queued now
     * @param copySeconds the training thread's time spent copying parameters, in all
     * @param scoringSeconds the worker's time spent scoring, in all
     * @param meanLagSeconds the mean time from a copy's epoch end to its result, over the scored copies
     * @param longestLagSeconds the longest such time
     */
    public record Statistics(int taken, int scored, int dropped, int failed, int waiting, double copySeconds,
            double scoringSeconds, double meanLagSeconds, double longestLagSeconds) {}

    /** The parameters at one epoch's end, serialised as the block saves them, and when and where they were taken. */
    private record Copy(int epoch, int step, Phase phase, byte[] parameters, long takenAt) {}
}
