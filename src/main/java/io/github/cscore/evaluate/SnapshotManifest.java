package io.github.cscore.evaluate;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.Phase;
import io.github.cscore.storage.AtomicOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sidecar evaluator needs to rebuild a network and its monitor from a folder of saved
 * parameters: the architecture and its {@link NetworkConfig}, the class names, the parameter files'
 * name prefix, the run and model names, the monitor's {@link ScoringSettings}, and of each saved
 * epoch its training phase and the SHA-256 of its file ({@link SavedEpoch}). Stored as {@value #FILE_NAME} beside the parameter files; the format is
 * described in {@code docs/evaluate.md}.
 *
 * <pre>{@code
 * SnapshotManifest.of(Architecture.RESNET50_V2, config, monitor).write(snapshots);
 * }</pre>
 *
 * @param architecture the architecture the parameters belong to
 * @param network the scale it was built with
 * @param classNames the class names; a label is a position in this list
 * @param prefix the parameter files' prefix: files are {@code <prefix>-NNNN.params}, NNNN the epoch
 * @param run the run name the results carry
 * @param model the model name the results carry
 * @param scoring the settings that decide the monitor's numbers
 * @param saved what is recorded of each saved epoch, in epoch order
 */
public record SnapshotManifest(
        Architecture architecture,
        NetworkConfig network,
        List<String> classNames,
        String prefix,
        String run,
        String model,
        ScoringSettings scoring,
        Map<Integer, SavedEpoch> saved) {

    /** The manifest's file name inside a snapshot folder. */
    public static final String FILE_NAME = "cscore-snapshots.json";
    /** The name the manifest had before saved parameters were called snapshots; still read. */
    public static final String OLD_FILE_NAME = "cscore-checkpoint.json";
    /** The version of the format this code writes; format 1 (no digests) is still read. */
    public static final int FORMAT = 2;

    /**
     * Checks and copies the components.
     *
     * @param architecture the architecture, not null
     * @param network the scale, not null
     * @param classNames as many names as the network has classes
     * @param prefix a non-blank prefix
     * @param run a non-blank run name
     * @param model a non-blank model name
     * @param scoring the scoring settings, not null
     * @param saved what is recorded of each saved epoch; copied
     * @throws IllegalArgumentException if the class names do not match the network's classes
     */
    public SnapshotManifest {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(scoring, "scoring");
        classNames = List.copyOf(classNames);
        if (classNames.size() != network.numClasses()) {
            throw new IllegalArgumentException("classNames must name the network's " + network.numClasses()
                    + " classes, but were " + classNames);
        }
        nonBlank("prefix", prefix);
        nonBlank("run", run);
        nonBlank("model", model);
        saved = Collections.unmodifiableSortedMap(new TreeMap<>(saved));
    }

    /**
     * The manifest of a network watched by a monitor: class, run and model names and scoring
     * settings are the monitor's, the prefix is the model name, no epoch saved yet.
     *
     * @param architecture the architecture the network was built from
     * @param network the scale it was built with
     * @param monitor the live monitor whose numbers an evaluator must reproduce
     * @return the manifest
     */
    public static SnapshotManifest of(Architecture architecture, NetworkConfig network, CScoreMonitor monitor) {
        return new SnapshotManifest(architecture, network, monitor.classNames(), monitor.modelName(),
                monitor.runName(), monitor.modelName(), monitor.scoringSettings(), Map.of());
    }

    /**
     * Returns the file of the manifest inside a snapshot folder: {@value #FILE_NAME}, or {@value
     * #OLD_FILE_NAME} in a folder written before the rename that has only that.
     *
     * @param directory the snapshot folder
     * @return the manifest file to read or write
     */
    public static Path file(Path directory) {
        Path current = directory.resolve(FILE_NAME);
        Path old = directory.resolve(OLD_FILE_NAME);
        return !Files.exists(current) && Files.exists(old) ? old : current;
    }

    /**
     * Returns this manifest with one more saved epoch, or an epoch's record replaced.
     *
     * @param epoch the epoch saved
     * @param entry its phase and digest
     * @return a new manifest
     */
    public SnapshotManifest withSaved(int epoch, SavedEpoch entry) {
        SortedMap<Integer, SavedEpoch> more = new TreeMap<>(saved);
        more.put(epoch, Objects.requireNonNull(entry, "entry"));
        return new SnapshotManifest(architecture, network, classNames, prefix, run, model, scoring, more);
    }

    /**
     * Returns this manifest without an epoch's record, as if it had not been saved.
     *
     * @param epoch the epoch
     * @return a new manifest
     */
    public SnapshotManifest withoutSaved(int epoch) {
        SortedMap<Integer, SavedEpoch> fewer = new TreeMap<>(saved);
        fewer.remove(epoch);
        return new SnapshotManifest(architecture, network, classNames, prefix, run, model, scoring, fewer);
    }

    /**
     * Returns the phase recorded for an epoch.
     *
     * @param epoch the epoch
     * @return its phase, or empty if the saver did not record it
     */
    public Optional<Phase> phase(int epoch) {
        return Optional.ofNullable(saved.get(epoch)).map(SavedEpoch::phase);
    }

    /**
     * Returns the training steps completed when an epoch was saved.
     *
     * @param epoch the epoch
     * @return the steps, -1 if unknown
     */
    public int step(int epoch) {
        SavedEpoch entry = saved.get(epoch);
        return entry == null ? -1 : entry.step();
    }

    /**
     * Returns the SHA-256 recorded for an epoch's file.
     *
     * @param epoch the epoch
     * @return 64 lower-case hex digits, or empty if none was recorded
     */
    public Optional<String> sha256(int epoch) {
        return Optional.ofNullable(saved.get(epoch)).flatMap(SavedEpoch::digest);
    }

    /**
     * Builds the network these parameters belong to, not initialised.
     *
     * @return the network
     */
    public Network buildNetwork() {
        return architecture.build(network);
    }

    /**
     * Writes the manifest into a folder, replacing an older one in a single step (written beside,
     * then moved), so a reader never sees half a file.
     *
     * @param directory the snapshot folder, created if missing
     * @throws IOException if it cannot be written
     */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        AtomicOutput.writeString(directory.resolve(FILE_NAME), toJson());
    }

    /**
     * Reads the manifest of a snapshot folder.
     *
     * @param directory the snapshot folder
     * @return the manifest
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and the problem if it is missing or
     *     malformed
     */
    public static SnapshotManifest read(Path directory) throws IOException {
        Path path = file(directory);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + FILE_NAME + " in " + directory + ": the network cannot be "
                    + "rebuilt without it; attach SnapshotSaver during training or write one with "
                    + "SnapshotManifest.write (docs/evaluate.md)", e);
        }
        try {
            return SnapshotManifestJson.read(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a valid snapshot manifest: " + firstLine(e), e);
        }
    }

    /**
     * Reads the manifest of a folder that may not exist yet, as a follower started before training
     * needs: looks every poll interval until the folder and its manifest are there. The manifest
     * is renamed into place whole, so the first one seen is complete.
     *
     * @param directory the snapshot folder, possibly absent
     * @param poll the time between two looks
     * @param timeout the longest wait, or null for no limit
     * @return the manifest
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if the path is a file, if no manifest appeared within the
     *     timeout, or if the one that appeared is malformed
     * @throws IllegalStateException if the waiting thread is interrupted
     */
    public static SnapshotManifest await(Path directory, Duration poll, Duration timeout) throws IOException {
        long start = System.nanoTime();
        while (!Files.isRegularFile(file(directory))) {
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new IllegalArgumentException("snapshot folder " + directory + " is not a folder");
            }
            if (timeout != null && System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalArgumentException("no " + FILE_NAME + " appeared in " + directory + " within "
                        + String.format(Locale.ROOT, "%.1f", timeout.toMillis() / 1000.0) + " s (the follow timeout)");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + file(directory), e);
            }
        }
        return read(directory);
    }

    /**
     * Returns the manifest as JSON text (format in {@code docs/evaluate.md}).
     *
     * @return the JSON
     */
    public String toJson() {
        return SnapshotManifestJson.write(this);
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static void nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, but was '" + value + "'");
        }
    }
}
