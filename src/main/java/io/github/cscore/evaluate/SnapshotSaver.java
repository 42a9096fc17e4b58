package io.github.cscore.evaluate;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.model.Network;
import io.github.cscore.result.Phase;
import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.storage.FileError;
import io.github.cscore.storage.Sha256;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A DJL training listener that saves the model's parameters at the end of every epoch, as {@code
 * <prefix>-NNNN.params}, and keeps the folder's {@link SnapshotManifest} up to date with the
 * phase of each saved epoch, for a {@link SidecarEvaluator} to score later or alongside.
 *
 * <p>It counts epochs itself, across trainers: give the same saver to the configuration of every
 * phase, as the monitor is. Closing it writes the {@value SnapshotFolder#DONE} marker that tells
 * a following evaluator training has ended; a trainer's own end is not that, since a run has one
 * trainer per phase. Each file appears whole (written in a staging folder, its SHA-256 listed in
 * the manifest, then renamed into place), so an evaluator never reads half a snapshot and can tell
 * a file damaged later. A failed save is logged in one line and counted, never thrown into
 * training; it leaves no partial file. Each file's header also records, as a model property,
 * the architecture, scale and classes it was saved from (so the model given to the saver carries
 * that property afterwards).
 *
 * <pre>{@code
 * try (SnapshotSaver saver = SnapshotSaver.create(folder, SnapshotManifest.of(architecture, config, monitor))) {
 *     config.addTrainingListeners(monitor, saver);
 *     Training.fit(trainer, epochs, train, null);
 * }
 * }</pre>
 */
public final class SnapshotSaver extends TrainingListenerAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSaver.class);
    /** The model property DJL's save names the file's epoch after. */
    private static final String EPOCH_PROPERTY = "Epoch";
    /**
     * The model property, stored in each file's header, that says which architecture, network
     * scale and classes the parameters were saved from; checked against the manifest on loading.
     */
    static final String SAVED_FROM_PROPERTY = "cscore.saved-from";

    private final Path directory;
    private final Path staging;
    private final String savedFrom;
    private SnapshotManifest manifest;
    private int epoch;
    private int steps;
    private int saved;
    private int failures;
    private boolean closed;

    private SnapshotSaver(Path directory, SnapshotManifest manifest) {
        this.directory = directory;
        this.staging = directory.resolve(".saving");
        this.manifest = manifest;
        this.savedFrom = SnapshotManifestJson.binding(manifest);
    }

    /**
     * Creates a saver and writes the manifest at once, so an evaluator may start following the
     * folder before the first epoch ends.
     *
     * @param directory the snapshot folder, created if missing; it must hold no snapshots of an
     *     earlier run
     * @param manifest the manifest of the network trained; its epochs are replaced by those saved
     * @return the saver
     * @throws IllegalArgumentException if the folder already holds snapshots or a done marker
     * @throws UncheckedIOException if the folder or the manifest cannot be written
     */
    public static SnapshotSaver create(Path directory, SnapshotManifest manifest) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
        try {
            Files.createDirectories(directory);
            SnapshotFolder folder = new SnapshotFolder(directory, manifest.prefix());
            if (folder.isDone() || !folder.list().isEmpty()) {
                throw new IllegalArgumentException(directory + " already holds snapshots of a run; mixing two runs "
                        + "in one folder would score the wrong parameters: choose an empty folder");
            }
            SnapshotManifest empty = new SnapshotManifest(manifest.architecture(), manifest.network(),
                    manifest.classNames(), manifest.prefix(), manifest.run(), manifest.model(), manifest.scoring(),
                    Map.of());
            empty.write(directory);
            return new SnapshotSaver(directory, empty);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare snapshot folder " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Saves the parameters as {@code <prefix>-NNNN.params}, NNNN the epochs completed over every
     * trainer this saver was given to, and records the epoch's phase and the file's SHA-256 in the
     * manifest.
     */
    @Override
    public synchronized void onEpoch(Trainer trainer) {
        if (closed) {
            // Closed by a Ctrl-C while training still runs: no snapshot after the done marker.
            return;
        }
        epoch++;
        Model model = trainer.getModel();
        Phase phase = phaseOf(model.getBlock());
        try {
            save(model, phase);
            saved++;
        } catch (IOException | RuntimeException e) {
            failures++;
            // One line: the trace says nothing a user can act on, the reason does (a full disk).
            LOG.warn("saving the snapshot of epoch {} in {} failed, training goes on: {}", epoch, directory,
                    FileError.reason(e));
            LOG.debug("the failed save of epoch {}", epoch, e);
        }
    }

    /** {@inheritDoc} Counts the optimiser updates, so that each saved epoch records its step. */
    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData batchData) {
        steps++;
    }

    /** The fixed phase of the monitor if it had one, else what the monitor infers: transfer while frozen. */
    private Phase phaseOf(Block block) {
        if (manifest.scoring().phase() != null) {
            return manifest.scoring().phase();
        }
        return Network.hasFrozenWeights(block) ? Phase.TRANSFER : Phase.FINETUNE;
    }

    /**
     * Saves into the staging folder, lists the file's digest in the manifest, and only then renames
     * the file into place: a follower that sees the file finds its digest already listed, and never
     * a file half written. If the rename fails, the manifest is written back without the epoch.
     */
    private void save(Model model, Phase phase) throws IOException {
        model.setProperty(EPOCH_PROPERTY, Integer.toString(epoch));
        model.setProperty(SAVED_FROM_PROPERTY, savedFrom);
        String name = String.format(Locale.ROOT, "%s-%04d.params", manifest.prefix(), epoch);
        Path staged = staging.resolve(name);
        try {
            Files.createDirectories(staging);
            model.save(staging, manifest.prefix());
            SnapshotManifest next = manifest.withSaved(epoch, new SavedEpoch(phase, Sha256.of(staged), steps));
            next.write(directory);
            try {
                AtomicOutput.moveIntoPlace(staged, directory.resolve(name));
            } catch (IOException | RuntimeException e) {
                restoreManifest(e);
                throw e;
            }
            manifest = next;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void restoreManifest(Exception failure) {
        try {
            manifest.write(directory);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The staging folder is empty: a failed save deletes its partial file. */
    private void deleteStaging() {
        try {
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.debug("kept {}: {}", staging, e.toString());
        }
    }

    /**
     * Returns the manifest as last written.
     *
     * @return the manifest, with the phase of every epoch saved so far
     */
    public synchronized SnapshotManifest manifest() {
        return manifest;
    }

    /**
     * Returns the number of snapshots saved.
     *
     * @return the count
     */
    public synchronized int saved() {
        return saved;
    }

    /**
     * Returns the number of saves that failed (logged, training went on).
     *
     * @return the count
     */
    public synchronized int failures() {
        return failures;
    }

    /**
     * Ends the run: writes the {@value SnapshotFolder#DONE} marker, which tells a following
     * evaluator that no snapshot will come. Idempotent.
     *
     * @throws UncheckedIOException if the marker cannot be written
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteStaging();
            AtomicOutput.writeString(directory.resolve(SnapshotFolder.DONE), saved + " snapshots\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the done marker in " + directory + ": " + e.getMessage(), e);
        }
    }
}
