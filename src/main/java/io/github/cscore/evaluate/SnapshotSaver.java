package io.github.cscore.evaluate;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.model.Network;
import io.github.cscore.result.Phase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * trainer per phase. Each file appears whole (written beside, then moved), so an evaluator never
 * reads half a snapshot. A failed save is logged and counted, never thrown into training.
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

    private final Path directory;
    private final Path staging;
    private SnapshotManifest manifest;
    private int epoch;
    private int saved;
    private int failures;
    private boolean closed;

    private SnapshotSaver(Path directory, SnapshotManifest manifest) {
        this.directory = directory;
        this.staging = directory.resolve(".saving");
        this.manifest = manifest;
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
     * trainer this saver was given to, then records the epoch's phase in the manifest.
     */
    @Override
    public synchronized void onEpoch(Trainer trainer) {
        epoch++;
        Model model = trainer.getModel();
        Phase phase = phaseOf(model.getBlock());
        try {
            save(model);
            manifest = manifest.withPhase(epoch, phase);
            manifest.write(directory);
            saved++;
        } catch (IOException | RuntimeException e) {
            failures++;
            LOG.warn("saving the snapshot of epoch {} in {} failed; training goes on", epoch, directory, e);
        }
    }

    /** The fixed phase of the monitor if it had one, else what the monitor infers: transfer while frozen. */
    private Phase phaseOf(Block block) {
        if (manifest.scoring().phase() != null) {
            return manifest.scoring().phase();
        }
        return Network.hasFrozenWeights(block) ? Phase.TRANSFER : Phase.FINETUNE;
    }

    private void save(Model model) throws IOException {
        model.setProperty(EPOCH_PROPERTY, Integer.toString(epoch));
        Files.createDirectories(staging);
        model.save(staging, manifest.prefix());
        String name = String.format(Locale.ROOT, "%s-%04d.params", manifest.prefix(), epoch);
        Files.move(staging.resolve(name), directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The staging folder is empty unless a save failed half-way; such a leftover is kept for inspection. */
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
            Files.writeString(directory.resolve(SnapshotFolder.DONE), saved + " snapshots\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the done marker in " + directory + ": " + e.getMessage(), e);
        }
    }
}
