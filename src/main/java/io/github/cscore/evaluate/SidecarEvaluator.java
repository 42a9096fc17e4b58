package io.github.cscore.evaluate;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;

import io.github.cscore.control.MonitorView;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores saved checkpoints after the fact, or alongside training, possibly on another machine:
 * the sidecar-evaluator pattern. It reads the folder's {@link CheckpointManifest}, rebuilds the
 * network and a {@link CScoreMonitor} with the live monitor's scoring settings, loads each
 * parameter file in epoch order and scores it with {@link CScoreMonitor#scoreCheckpoint}, the
 * code a live checkpoint runs. Results go to the sinks given (timeline, exporter).
 *
 * <p>With the same parameters, validation data and scoring settings the numbers are those of the
 * live monitor (docs/evaluate.md says how exactly).
 *
 * <pre>{@code
 * try (SidecarEvaluator evaluator = SidecarEvaluator.builder()
 *         .setCheckpointDirectory(checkpoints)
 *         .setValidationData(validation)
 *         .optSink("timeline", TimelineWriter.create(out.resolve("timeline.jsonl")))
 *         .build()) {
 *     List<CheckpointResult> results = evaluator.run();
 * }
 * }</pre>
 */
public final class SidecarEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SidecarEvaluator.class);

    private final EvaluatorSettings settings;
    private final CheckpointManifest manifest;
    private final CheckpointFolder folder;
    private final CScoreMonitor monitor;
    private final Model model;
    private final Map<Path, Long> sizes = new HashMap<>();
    private volatile boolean stopRequested;
    private int lastEpoch = Integer.MIN_VALUE;
    private int failed;

    private SidecarEvaluator(EvaluatorSettings settings, CheckpointManifest manifest, CScoreMonitor monitor,
            Model model) {
        this.settings = settings;
        this.manifest = manifest;
        this.folder = new CheckpointFolder(settings.directory(), manifest.prefix());
        this.monitor = monitor;
        this.model = model;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static SidecarEvaluatorBuilder builder() {
        return new SidecarEvaluatorBuilder();
    }

    static SidecarEvaluator create(EvaluatorSettings settings) {
        Path directory = settings.directory();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("checkpoint folder " + directory
                    + (Files.exists(directory) ? " is not a folder" : " does not exist"));
        }
        CheckpointManifest manifest;
        try {
            manifest = CheckpointManifest.read(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest in " + directory + ": " + e.getMessage(), e);
        }
        if (!settings.validation().classNames().equals(manifest.classNames())) {
            throw new IllegalArgumentException("the validation data has classes " + settings.validation().classNames()
                    + " but the checkpoints were trained on " + manifest.classNames());
        }
        Network network = manifest.buildNetwork();
        CScoreMonitorBuilder builder = manifest.scoring().applyTo(CScoreMonitor.builder())
                .setValidationData(settings.validation())
                .setNetwork(network)
                .optCheckpointOnSaveOnly()
                .optRunName(settings.runName() != null ? settings.runName() : manifest.run())
                .optModelName(manifest.model());
        settings.sinks().forEach(builder::optSink);
        CScoreMonitor monitor = builder.build();
        Model model = Model.newInstance(manifest.model());
        model.setBlock(network.block());
        network.initialize(model.getNDManager());
        return new SidecarEvaluator(settings, manifest, monitor, model);
    }

    /**
     * Scores every checkpoint in the folder in epoch order and, in follow mode, those that appear
     * later, until training ends ({@value CheckpointFolder#DONE} marker), {@link #stop()} is called
     * or the follow timeout passes. A checkpoint whose scoring fails is logged by the monitor,
     * counted ({@link #failed()}) and skipped.
     *
     * @return the results, in epoch order
     * @throws IllegalArgumentException naming the file if a checkpoint cannot be read or does not fit
     *     the network, or, outside follow mode, if the folder holds no checkpoint
     * @throws IOException if the folder cannot be listed
     */
    public List<CheckpointResult> run() throws IOException {
        List<CheckpointResult> results = new ArrayList<>();
        long deadline = settings.followTimeout() == null ? Long.MAX_VALUE
                : System.nanoTime() + settings.followTimeout().toNanos();
        while (true) {
            boolean done = !settings.follow() || folder.isDone();
            List<CheckpointFolder.Checkpoint> pending = folder.list().stream().filter(c -> c.epoch() > lastEpoch).toList();
            if (!settings.follow() && pending.isEmpty() && results.isEmpty()) {
                throw new IllegalArgumentException("no checkpoints (" + manifest.prefix() + "-NNNN.params) in "
                        + settings.directory());
            }
            List<CheckpointFolder.Checkpoint> ready = done ? pending : ready(pending);
            for (CheckpointFolder.Checkpoint checkpoint : ready) {
                score(checkpoint, results);
            }
            if (done && ready.size() == pending.size() || stopRequested || System.nanoTime() > deadline) {
                return results;
            }
            pause();
        }
    }

    /**
     * The checkpoints that are complete: in order, up to the first one that is not. The saver's
     * files appear whole; a file written in place (DJL's own save listener) counts as complete
     * once its epoch is in the manifest or its size held still between two looks.
     */
    private List<CheckpointFolder.Checkpoint> ready(List<CheckpointFolder.Checkpoint> pending) throws IOException {
        CheckpointManifest current = CheckpointManifest.read(settings.directory());
        List<CheckpointFolder.Checkpoint> ready = new ArrayList<>();
        for (CheckpointFolder.Checkpoint checkpoint : pending) {
            long size = Files.size(checkpoint.file());
            Long before = sizes.put(checkpoint.file(), size);
            if (current.phase(checkpoint.epoch()).isEmpty() && (before == null || before != size)) {
                break;
            }
            ready.add(checkpoint);
        }
        return ready;
    }

    private void score(CheckpointFolder.Checkpoint checkpoint, List<CheckpointResult> results) throws IOException {
        CheckpointManifest current = settings.follow() ? CheckpointManifest.read(settings.directory()) : manifest;
        // A checkpoint of unknown phase was saved by a listener that did not record it: the loaded
        // network has nothing frozen, which is what the monitor would infer.
        Phase phase = current.phase(checkpoint.epoch()).orElse(Phase.FINETUNE);
        // The arrays of one checkpoint live in a manager of their own, closed once it is scored.
        try (NDManager scope = model.getNDManager().newSubManager()) {
            ParameterFile.load(checkpoint.file(), model.getBlock(), scope);
            monitor.scoreCheckpoint(model, checkpoint.epoch(), phase).ifPresentOrElse(results::add, () -> failed++);
        }
        lastEpoch = checkpoint.epoch();
        LOG.info("scored checkpoint {} (epoch {})", checkpoint.file().getFileName(), checkpoint.epoch());
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** Ends follow mode after the checkpoint being scored, if any. Safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Returns the manifest read from the folder.
     *
     * @return the manifest
     */
    public CheckpointManifest manifest() {
        return manifest;
    }

    /**
     * Returns a read-only view of the monitor that scores the checkpoints, for example to start
     * an exporter with it.
     *
     * @return the monitor's view
     */
    public MonitorView monitor() {
        return monitor;
    }

    /**
     * Returns the number of checkpoints whose scoring failed.
     *
     * @return the count
     */
    public int failed() {
        return failed;
    }

    /** Closes the sinks (through the monitor) and the model. */
    @Override
    public void close() {
        try {
            monitor.close();
        } finally {
            model.close();
        }
    }
}
