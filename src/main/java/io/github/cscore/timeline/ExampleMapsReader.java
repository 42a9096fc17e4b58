package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.storage.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an example-maps folder leniently where leniency loses nothing silently: each file that
 * cannot be read is left out and named in the problems, everything else is read.
 */
final class ExampleMapsReader {

    private static final Pattern IMAGE_FILE = Pattern.compile("c(\\d{1,9})-(\\d{5,9})\\.png");

    /** One line of the index, or what a file name says when the index is lost. */
    private record Entry(String id, int datasetIndex, int classIndex, String className) {}

    /** The index: whose maps, their size, the images in order. */
    private record Index(Optional<String> run, Optional<String> model, int height, int width, List<Entry> entries) {}

    private final Path directory;
    private final List<String> problems = new ArrayList<>();

    ExampleMapsReader(Path directory) {
        this.directory = directory;
    }

    RecordedExampleMaps read() {
        try {
            Index index = index();
            List<ExampleImage> images = images(index);
            return new RecordedExampleMaps(directory, index.run(), index.model(), images, epochs(images), problems);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read example maps in " + directory + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read example maps in " + directory + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    private Index index() throws IOException {
        Path file = directory.resolve(ExampleMapsFormat.INDEX);
        if (!Files.isRegularFile(file)) {
            problems.add(file + " is missing: images are taken from their file names, class names are unknown");
            return recovered();
        }
        StrictJson root;
        try {
            root = StrictJson.parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            problems.add(file + " is " + e.getMessage() + ": images are taken from their file names, class names "
                    + "are unknown");
            return recovered();
        }
        int schema = schemaOf(root);
        if (schema != ExampleMapsFormat.SCHEMA && schema != UNKNOWN) {
            // A layout this version does not know: guessing would draw the wrong thing.
            throw new IllegalArgumentException(file + ": unsupported example-maps schema " + schema
                    + " (this version reads " + ExampleMapsFormat.SCHEMA + ")");
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (StrictJson node : root.array("images")) {
                entries.add(new Entry(node.text("id"), node.count("dataset_index"), node.count("class_index"),
                        node.text("class")));
            }
            return new Index(optional(root, "run"), optional(root, "model"), positive(root, "height"),
                    positive(root, "width"), entries);
        } catch (IllegalArgumentException e) {
            problems.add(file + ": " + e.getMessage() + ": images are taken from their file names, class names are "
                    + "unknown");
            return recovered();
        }
    }

    private static final int UNKNOWN = Integer.MIN_VALUE;

    /** The schema number; {@link #UNKNOWN} when missing or not an integer (read as schema 1). */
    private static int schemaOf(StrictJson root) {
        try {
            return root.integer("schema");
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    private static Optional<String> optional(StrictJson root, String field) {
        return root.has(field) ? Optional.ofNullable(root.optionalText(field)) : Optional.empty();
    }

    private static int positive(StrictJson root, String field) {
        int value = root.integer(field);
        if (value < 1) {
            throw new IllegalArgumentException("field '" + field + "' must be a positive integer, but was " + value);
        }
        return value;
    }

    /** The images folder's files, by the ids their names are; the size of the first readable one. */
    private Index recovered() throws IOException {
        List<Entry> entries = new ArrayList<>();
        int[] size = null;
        Path folder = directory.resolve(ExampleMapsFormat.IMAGES);
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    Matcher matcher = IMAGE_FILE.matcher(file.getFileName().toString());
                    if (matcher.matches()) {
                        int classIndex = Integer.parseInt(matcher.group(1));
                        entries.add(new Entry(ExampleImage.idOf(classIndex, Integer.parseInt(matcher.group(2))),
                                Integer.parseInt(matcher.group(2)), classIndex, "class " + classIndex));
                        if (size == null) {
                            size = ExampleMapsFormat.pngSize(file).orElse(null);
                        }
                    }
                }
            }
        }
        entries.sort(Comparator.comparingInt(Entry::classIndex).thenComparingInt(Entry::datasetIndex));
        return size == null ? new Index(Optional.empty(), Optional.empty(), 1, 1, List.of())
                : new Index(Optional.empty(), Optional.empty(), size[1], size[0], entries);
    }

    private List<ExampleImage> images(Index index) {
        List<ExampleImage> images = new ArrayList<>();
        for (Entry entry : index.entries()) {
            if (!entry.id().matches("[A-Za-z0-9_-]+")) {
                problems.add(directory.resolve(ExampleMapsFormat.INDEX) + ": image id '" + entry.id()
                        + "' is not a file-safe name: its row is left out");
                continue;
            }
            Path file = directory.resolve(ExampleMapsFormat.IMAGES).resolve(entry.id() + ".png");
            try {
                float[] gray = ExampleMapsFormat.readPng(file, index.width(), index.height());
                images.add(new ExampleImage(entry.id(), entry.datasetIndex(), entry.classIndex(), entry.className(),
                        index.height(), index.width(), gray));
            } catch (IOException e) {
                problems.add(e.getMessage() + ": its row is left out");
            }
        }
        return images;
    }

    private SortedMap<Integer, Map<String, List<float[]>>> epochs(List<ExampleImage> images) throws IOException {
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

    private Map<String, List<float[]>> techniques(Path epochFolder, List<ExampleImage> images) throws IOException {
        Map<String, List<float[]>> techniques = new TreeMap<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(epochFolder, Files::isDirectory)) {
            for (Path folder : folders) {
                List<float[]> maps = new ArrayList<>();
                for (ExampleImage image : images) {
                    maps.add(map(folder.resolve(image.id() + ".png"), image));
                }
                techniques.put(folder.getFileName().toString(), maps);
            }
        }
        return techniques;
    }

    private float[] map(Path file, ExampleImage image) {
        try {
            return ExampleMapsFormat.readPng(file, image.width(), image.height());
        } catch (IOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
