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
import java.util.List;

/**
 * Scores saved snapshots (a model's parameters at the end of an epoch) after the fact, or alongside training, possibly on another machine:
 * the sidecar-evaluator pattern. It reads the folder's {@link SnapshotManifest}, rebuilds the
 * network and a {@link CScoreMonitor} with the live monitor's scoring settings, loads each
 * parameter file in epoch order and scores it with {@link CScoreMonitor#scoreCheckpoint}, the
 * code a live checkpoint runs: each scored snapshot becomes one checkpoint of the timeline. Results
 * go to the sinks given (timeline, exporter).
 *
 * <p>With the same parameters, validation data and scoring settings the numbers are those of the
 * live monitor (docs/evaluate.md says how exactly).
 *
 * <pre>{@code
 * try (SidecarEvaluator evaluator = SidecarEvaluator.builder()
 *         .setSnapshotDirectory(snapshots)
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
    private final SnapshotManifest manifest;
    private final SnapshotFolder folder;
    private final CScoreMonitor monitor;
    private final Model model;
    private final WholeSnapshots whole = new WholeSnapshots();
    private final long deadline;
    private volatile boolean stopRequested;
    private int lastEpoch = Integer.MIN_VALUE;
    private int failed;

    private SidecarEvaluator(EvaluatorSettings settings, SnapshotManifest manifest, CScoreMonitor monitor,
            Model model, long deadline) {
        this.settings = settings;
        this.deadline = deadline;
        this.manifest = manifest;
        this.folder = new SnapshotFolder(settings.directory(), manifest.prefix());
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
        // The follow timeout counts from here: waiting for the folder is part of following it.
        long deadline = settings.followTimeout() == null ? Long.MAX_VALUE
                : System.nanoTime() + settings.followTimeout().toNanos();
        if (!settings.follow() && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("snapshot folder " + directory
                    + (Files.exists(directory) ? " is not a folder" : " does not exist"));
        }
        SnapshotManifest manifest;
        try {
            manifest = settings.follow()
                    ? SnapshotManifest.await(directory, settings.pollInterval(), settings.followTimeout())
                    : SnapshotManifest.read(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest in " + directory + ": " + e.getMessage(), e);
        }
        if (!settings.validation().classNames().equals(manifest.classNames())) {
            throw new IllegalArgumentException("the validation data has classes " + settings.validation().classNames()
                    + " but the snapshots were trained on " + manifest.classNames());
        }
        Network network = manifest.buildNetwork();
        CScoreMonitorBuilder builder = manifest.scoring().applyTo(CScoreMonitor.builder())
                .setValidationData(settings.validation())
                .setNetwork(network)
                .optCheckpointOnSaveOnly()
                .optTechniqueTimeout(settings.techniqueTimeout())
                .optRunName(settings.runName() != null ? settings.runName() : manifest.run())
                .optModelName(manifest.model());
        settings.sinks().forEach(builder::optSink);
        CScoreMonitor monitor = builder.build();
        Model model = Model.newInstance(manifest.model());
        model.setBlock(network.block());
        network.initialize(model.getNDManager());
        return new SidecarEvaluator(settings, manifest, monitor, model, deadline);
    }

    /**
     * Scores every snapshot in the folder in epoch order and, in follow mode, those that appear
     * later, until training ends ({@value SnapshotFolder#DONE} marker), {@link #stop()} is called
     * or the follow timeout passes. A snapshot whose scoring fails is logged by the monitor,
     * counted ({@link #failed()}) and skipped.
     *
     * @return the results, in epoch order
     * @throws IllegalArgumentException naming the file if a snapshot cannot be read, does not fit
     *     the network, does not match the SHA-256 the saver recorded, or contradicts the manifest's
     *     network or class names; or, outside follow mode, if the folder holds no snapshot
     * @throws IOException if the folder cannot be listed
     */
    public List<CheckpointResult> run() throws IOException {
        List<CheckpointResult> results = new ArrayList<>();
        while (true) {
            boolean done = !settings.follow() || folder.isDone();
            List<SnapshotFolder.Snapshot> pending = folder.list().stream().filter(c -> c.epoch() > lastEpoch).toList();
            if (!settings.follow() && pending.isEmpty() && results.isEmpty()) {
                throw new IllegalArgumentException("no snapshots (" + manifest.prefix() + "-NNNN.params) in "
                        + settings.directory());
            }
            List<SnapshotFolder.Snapshot> ready = done ? pending : ready(pending);
            int scored = 0;
            while (scored < ready.size() && scoreIfWhole(ready.get(scored), results, done)) {
                scored++;
            }
            boolean heldBack = scored < pending.size();
            if (done && !heldBack || stopRequested || System.nanoTime() > deadline) {
                if (heldBack) {
                    LOG.warn("stopped following {} with {} snapshot(s) not scored: {} was not whole yet",
                            settings.directory(), pending.size() - scored, pending.get(scored).file().getFileName());
                }
                return results;
            }
            pause();
        }
    }

    /**
     * The snapshots that are whole ({@link WholeSnapshots}), in epoch order, up to the first one
     * that is not: snapshots are scored in epoch order, so an incomplete one holds back the rest.
     */
    private List<SnapshotFolder.Snapshot> ready(List<SnapshotFolder.Snapshot> pending) throws IOException {
        SnapshotManifest current = SnapshotManifest.read(settings.directory());
        List<SnapshotFolder.Snapshot> ready = new ArrayList<>();
        for (SnapshotFolder.Snapshot snapshot : pending) {
            if (!whole.isWhole(current, snapshot)) {
                break;
            }
            ready.add(snapshot);
        }
        return ready;
    }

    /**
     * Scores a snapshot; in follow mode before training ended, one found cut off after all is
     * waited for again rather than refused.
     *
     * @return false if it was held back
     */
    private boolean scoreIfWhole(SnapshotFolder.Snapshot snapshot, List<CheckpointResult> results, boolean done)
            throws IOException {
        try {
            score(snapshot, results);
            return true;
        } catch (ParameterFile.CutOffException e) {
            if (!settings.follow() || done) {
                throw e;
            }
            LOG.debug("{} is still being written; waiting", snapshot.file());
            whole.forget(snapshot.file());
            return false;
        }
    }

    private void score(SnapshotFolder.Snapshot snapshot, List<CheckpointResult> results) throws IOException {
        SnapshotManifest current = settings.follow() ? SnapshotManifest.read(settings.directory()) : manifest;
        // A snapshot of unknown phase was saved by a listener that did not record it: the loaded
        // network has nothing frozen, which is what the monitor would infer.
        Phase phase = current.phase(snapshot.epoch()).orElse(Phase.FINETUNE);
        SnapshotCheck.verify(current, SnapshotManifest.file(settings.directory()), snapshot);
        // The arrays of one snapshot live in a manager of their own, closed once it is scored.
        try (NDManager scope = model.getNDManager().newSubManager()) {
            ParameterFile.load(snapshot.file(), model.getBlock(), scope);
            monitor.scoreCheckpoint(model, snapshot.epoch(), current.step(snapshot.epoch()), phase)
                    .ifPresentOrElse(results::add, () -> failed++);
        }
        lastEpoch = snapshot.epoch();
        LOG.info("scored snapshot {} (epoch {})", snapshot.file().getFileName(), snapshot.epoch());
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** Ends follow mode after the snapshot being scored, if any. Safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Returns the manifest read from the folder.
     *
     * @return the manifest
     */
    public SnapshotManifest manifest() {
        return manifest;
    }

    /**
     * Returns the monitor that scores the snapshots, for example to start an exporter with it.
     *
     * @return the monitor's view
     */
    public MonitorView monitor() {
        return monitor;
    }

    /**
     * Returns the number of snapshots whose scoring failed.
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
