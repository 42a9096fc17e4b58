package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The example maps of a run as read back from the folder an {@link ExampleMapsWriter} wrote: the
 * fixed images and, per checkpoint epoch and technique label, one map per image. Values come back
 * at the files' 8-bit precision (within 1/510 of what was written).
 *
 * <p>Reading skips only what is broken and says what and where ({@link #problems()}): a missing,
 * corrupt or wrong-size map leaves its cell null, a broken image leaves its row out, an unreadable
 * index costs the class names (the images are then found by their file names). Only a folder of
 * a newer, unknown schema is refused whole.
 *
 * @param directory the folder read
 * @param run the run the maps belong to, as the index names it; empty for folders written before
 *     the index named it, or when the index could not be read
 * @param model the model the maps belong to, likewise
 * @param images the fixed images, in the order of the index
 * @param epochs per checkpoint epoch, in epoch order: per technique label, one map per image in the
 *     order of {@code images}, null where the map's file could not be read
 * @param problems one line per file that could not be read, naming it and why, in reading order
 */
public record RecordedExampleMaps(
        Path directory,
        Optional<String> run,
        Optional<String> model,
        List<ExampleImage> images,
        SortedMap<Integer, Map<String, List<float[]>>> epochs,
        List<String> problems) {

    /**
     * Checks and copies the components.
     *
     * @param directory the folder read, not null
     * @param run the run, or empty
     * @param model the model, or empty
     * @param images the fixed images; copied
     * @param epochs the maps per epoch and technique; copied, null maps kept
     * @param problems the files that could not be read; copied
     */
    public RecordedExampleMaps {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        images = List.copyOf(images);
        SortedMap<Integer, Map<String, List<float[]>>> copy = new TreeMap<>();
        epochs.forEach((epoch, techniques) -> {
            Map<String, List<float[]>> byLabel = new TreeMap<>();
            techniques.forEach((label, maps) -> byLabel.put(label, Collections.unmodifiableList(new ArrayList<>(maps))));
            copy.put(epoch, Collections.unmodifiableMap(byLabel));
        });
        epochs = Collections.unmodifiableSortedMap(copy);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the example maps beside a timeline ({@link ExampleMapsWriter#directoryFor}), if any
     * were recorded: if the folder exists and holds an index or an {@code images} folder.
     *
     * @param timeline the timeline file
     * @return the maps, or empty if none were recorded
     * @throws IllegalArgumentException if the folder's index is of a newer schema, naming it
     */
    public static Optional<RecordedExampleMaps> besideTimeline(Path timeline) {
        Path directory = ExampleMapsWriter.directoryFor(timeline);
        boolean recorded = Files.isDirectory(directory)
                && (Files.exists(directory.resolve(ExampleMapsFormat.INDEX))
                        || Files.isDirectory(directory.resolve(ExampleMapsFormat.IMAGES)));
        return recorded ? Optional.of(read(directory)) : Optional.empty();
    }

    /**
     * Reads an example-maps folder, skipping what cannot be read ({@link #problems()}).
     *
     * @param directory the folder
     * @return its images and maps
     * @throws IllegalArgumentException if the index is of a newer schema, or the folder cannot be
     *     listed, naming it
     */
    public static RecordedExampleMaps read(Path directory) {
        return new ExampleMapsReader(Objects.requireNonNull(directory, "directory")).read();
    }

    /**
     * Tells whether anything could be shown: at least one image and one readable map.
     *
     * @return true if some map was read
     */
    public boolean hasAnyMap() {
        return !images.isEmpty() && epochs.values().stream()
                .anyMatch(byLabel -> byLabel.values().stream().anyMatch(maps -> maps.stream().anyMatch(Objects::nonNull)));
    }
}
