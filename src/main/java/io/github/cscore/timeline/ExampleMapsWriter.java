package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the example maps of a run into a folder beside its timeline (format in {@code
 * docs/report.md}): the fixed images once, as 8-bit grayscale PNGs under {@code images/}, with
 * {@code index.json} naming them; then, per checkpoint, {@code epoch-NNNN/<technique>/<id>.png},
 * each map as an 8-bit grayscale PNG (value = round(255 * map)).
 *
 * <p>Nothing is left half-written: a checkpoint's folder is filled under a hidden name and
 * renamed whole ({@link AtomicOutput}), so a reader sees a checkpoint with all its maps or not at
 * all. The first write of a writer starts a new run: the images, the index and the first
 * checkpoint are staged in a hidden folder beside the old one, which they replace in one swap once
 * complete; until then the previous run's maps stay as they were (a rerun of the same epoch
 * replaces its folder the same way). The index names the run and model the maps belong to. A failed write is counted in {@link #failedWrites()} and thrown as an {@link
 * UncheckedIOException}, which the monitor counts as the example sink's failure; training goes on.
 *
 * <pre>{@code
 * ExampleMapsWriter maps = ExampleMapsWriter.besideTimeline(timelinePath);
 * CScoreMonitor.builder()...optExampleImages(2, maps).build();
 * }</pre>
 */
public final class ExampleMapsWriter implements Consumer<ExampleMaps> {

    private final Path directory;
    private boolean started;
    private int written;
    private int failedWrites;
    private String lastFailure = "";

    private ExampleMapsWriter(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates a writer into a folder, created at the first write.
     *
     * @param directory the folder
     * @return the writer
     */
    public static ExampleMapsWriter create(Path directory) {
        return new ExampleMapsWriter(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Creates a writer into the folder {@link #directoryFor(Path)} names for a timeline, where the
     * report looks for it.
     *
     * @param timeline the run's timeline file
     * @return the writer
     */
    public static ExampleMapsWriter besideTimeline(Path timeline) {
        return create(directoryFor(timeline));
    }

    /**
     * Names the example-maps folder of a timeline: beside it, the file name without its extension
     * followed by {@code -maps} ({@code timeline.jsonl} gives {@code timeline-maps}).
     *
     * @param timeline the timeline file
     * @return the folder
     */
    public static Path directoryFor(Path timeline) {
        String name = timeline.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return timeline.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-maps");
    }

    /**
     * Returns the folder written to.
     *
     * @return the folder
     */
    public Path directory() {
        return directory;
    }

    /**
     * Writes one checkpoint's maps, and before the first the images and the index.
     *
     * @param maps the checkpoint's example maps
     * @throws UncheckedIOException if a file cannot be written (counted in {@link #failedWrites()})
     */
    @Override
    public synchronized void accept(ExampleMaps maps) {
        try {
            if (started) {
                writeCheckpoint(maps);
            } else {
                startWith(maps);
                started = true;
            }
            written++;
        } catch (IOException | UncheckedIOException e) {
            failedWrites++;
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UncheckedIOException(new IOException(
                    "cannot write example maps of epoch " + maps.epoch() + " to " + directory + ": " + lastFailure, e));
        }
    }

    /**
     * The first checkpoint of a run: images, index and the checkpoint's maps are written into a
     * staged folder that then takes the place of the previous run's, so a failure before it is
     * whole (a full disk, a kill) leaves the previous run's maps as they were.
     */
    private void startWith(ExampleMaps maps) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a folder");
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path staged = Files.createDirectory(AtomicOutput.stagingSibling(directory));
        try {
            Path imageFolder = Files.createDirectory(staged.resolve(ExampleMapsFormat.IMAGES));
            for (ExampleImage image : maps.images()) {
                ExampleMapsFormat.writePng(imageFolder.resolve(image.id() + ".png"), image.grayscale(), image.width(),
                        image.height());
            }
            ExampleMapsFormat.writeIndex(staged.resolve(ExampleMapsFormat.INDEX), maps);
            fillCheckpoint(Files.createDirectory(staged.resolve(ExampleMapsFormat.epochFolder(maps.epoch()))), maps);
            AtomicOutput.replaceFolder(staged, directory);
        } finally {
            AtomicOutput.deleteTree(staged);
        }
    }

    /** A later checkpoint: its folder is filled under a hidden name and renamed in whole. */
    private void writeCheckpoint(ExampleMaps maps) throws IOException {
        Path target = directory.resolve(ExampleMapsFormat.epochFolder(maps.epoch()));
        Path staged = Files.createDirectory(AtomicOutput.stagingSibling(target));
        try {
            fillCheckpoint(staged, maps);
            AtomicOutput.replaceFolder(staged, target);
        } finally {
            AtomicOutput.deleteTree(staged);
        }
    }

    /** Files inside a staged folder need no renaming of their own: the folder appears whole. */
    private static void fillCheckpoint(Path folder, ExampleMaps maps) throws IOException {
        for (Map.Entry<Technique, List<float[]>> entry : maps.maps().entrySet()) {
            Path techniqueFolder = Files.createDirectory(folder.resolve(entry.getKey().label()));
            for (int i = 0; i < maps.images().size(); i++) {
                ExampleImage image = maps.images().get(i);
                ExampleMapsFormat.writePng(techniqueFolder.resolve(image.id() + ".png"), entry.getValue().get(i),
                        image.width(), image.height());
            }
        }
    }

    /**
     * Returns the number of checkpoints written whole.
     *
     * @return the count
     */
    public synchronized int written() {
        return written;
    }

    /**
     * Returns the number of checkpoints whose maps could not be written.
     *
     * @return the count
     */
    public synchronized int failedWrites() {
        return failedWrites;
    }

    /**
     * Returns why the last failed write failed.
     *
     * @return the reason, empty if no write failed
     */
    public synchronized String lastFailure() {
        return lastFailure;
    }
}
