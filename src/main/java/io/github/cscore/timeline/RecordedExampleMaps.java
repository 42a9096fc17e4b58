package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
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
 * @param directory the folder read
 * @param images the fixed images, in the order of the index
 * @param epochs per checkpoint epoch, in epoch order: per technique label, one map per image in the
 *     order of {@code images}
 */
public record RecordedExampleMaps(
        Path directory, List<ExampleImage> images, SortedMap<Integer, Map<String, List<float[]>>> epochs) {

    /**
     * Checks and copies the components.
     *
     * @param directory the folder read, not null
     * @param images the fixed images; copied
     * @param epochs the maps per epoch and technique; copied
     */
    public RecordedExampleMaps {
        Objects.requireNonNull(directory, "directory");
        images = List.copyOf(images);
        epochs = Collections.unmodifiableSortedMap(new TreeMap<>(epochs));
    }

    /**
     * Reads the example maps beside a timeline ({@link ExampleMapsWriter#directoryFor}), if any
     * were recorded.
     *
     * @param timeline the timeline file
     * @return the maps, or empty if the folder has no index
     * @throws IllegalArgumentException if the folder is there but malformed, naming the file
     */
    public static Optional<RecordedExampleMaps> besideTimeline(Path timeline) {
        Path directory = ExampleMapsWriter.directoryFor(timeline);
        return Files.isRegularFile(directory.resolve(ExampleMapsFormat.INDEX))
                ? Optional.of(read(directory)) : Optional.empty();
    }

    /**
     * Reads an example-maps folder.
     *
     * @param directory the folder
     * @return its images and maps
     * @throws IllegalArgumentException naming the file that is missing or malformed
     */
    public static RecordedExampleMaps read(Path directory) {
        try {
            Path indexFile = directory.resolve(ExampleMapsFormat.INDEX);
            JsonNode index = ExampleMapsFormat.readIndex(indexFile);
            int schema = index.path("schema").asInt(-1);
            if (schema != ExampleMapsFormat.SCHEMA) {
                throw new IllegalArgumentException(indexFile + ": unsupported example-maps schema "
                        + index.path("schema") + " (this version reads " + ExampleMapsFormat.SCHEMA + ")");
            }
            int height = positive(indexFile, index, "height");
            int width = positive(indexFile, index, "width");
            List<ExampleImage> images = images(directory, index, height, width);
            return new RecordedExampleMaps(directory, images, epochs(directory, images));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read example maps in " + directory + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read example maps in " + directory + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    private static int positive(Path file, JsonNode index, String field) {
        int value = index.path(field).asInt(0);
        if (value < 1) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be a positive integer, but was "
                    + index.path(field));
        }
        return value;
    }

    private static List<ExampleImage> images(Path directory, JsonNode index, int height, int width)
            throws IOException {
        List<ExampleImage> images = new ArrayList<>();
        for (JsonNode node : index.path("images")) {
            String id = node.path("id").asText("");
            if (!id.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException(directory.resolve(ExampleMapsFormat.INDEX)
                        + ": image id '" + id + "' is not a file-safe name");
            }
            float[] gray = ExampleMapsFormat.readPng(
                    directory.resolve(ExampleMapsFormat.IMAGES).resolve(id + ".png"), width, height);
            images.add(new ExampleImage(id, node.path("dataset_index").asInt(), node.path("class_index").asInt(),
                    node.path("class").asText(""), height, width, gray));
        }
        return images;
    }

    private static SortedMap<Integer, Map<String, List<float[]>>> epochs(Path directory, List<ExampleImage> images)
            throws IOException {
        SortedMap<Integer, Map<String, List<float[]>>> epochs = new TreeMap<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path folder : folders) {
                int epoch = ExampleMapsFormat.epochOf(folder.getFileName().toString());
                if (epoch >= 0) {
                    epochs.put(epoch, techniques(folder, images));
                }
            }
        }
        return epochs;
    }

    private static Map<String, List<float[]>> techniques(Path epochFolder, List<ExampleImage> images)
            throws IOException {
        Map<String, List<float[]>> techniques = new TreeMap<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(epochFolder, Files::isDirectory)) {
            for (Path folder : folders) {
                List<float[]> maps = new ArrayList<>();
                for (ExampleImage image : images) {
                    maps.add(ExampleMapsFormat.readPng(folder.resolve(image.id() + ".png"), image.width(),
                            image.height()));
                }
                techniques.put(folder.getFileName().toString(), List.copyOf(maps));
            }
        }
        return techniques;
    }
}
