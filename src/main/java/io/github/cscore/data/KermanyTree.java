package io.github.cscore.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the image files of one split folder of a Kermany-style tree, class by class, and rejects
 * a tree that does not have the expected shape.
 */
final class KermanyTree {

    /** File name extensions (lower case) that the JDK's image readers decode. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private KermanyTree() {}

    /**
     * Returns, for each class in {@code classNames} order, the image files of {@code
     * root/folder/class}, sorted by file name so that the result does not depend on the file
     * system's listing order.
     *
     * @throws IllegalArgumentException naming the path if the root, the split folder or a class
     *     folder is missing, if the split folder holds an unexpected class folder, or if a class
     *     folder holds no image file
     */
    static List<List<Path>> classFiles(Path root, KermanyFolder folder, List<String> classNames)
            throws IOException {
        requireDirectory(root, "dataset root");
        Path split = root.resolve(folder.folderName());
        requireDirectory(split, "split folder");
        rejectUnexpectedFolders(split, classNames);
        List<List<Path>> result = new ArrayList<>();
        for (String className : classNames) {
            Path classFolder = split.resolve(className);
            requireDirectory(classFolder, "class folder");
            List<Path> files = imageFiles(classFolder);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("class folder has no image files: " + classFolder);
            }
            result.add(files);
        }
        return result;
    }

    /** Says which of "missing", "not a folder" and "not readable" it is: each has its own fix. */
    private static void requireDirectory(Path path, String what) {
        java.nio.file.attribute.BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(what + " does not exist: " + path, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException(what + " cannot be read (permission denied): " + path, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read (" + e.getMessage() + "): " + path, e);
        }
        if (!attributes.isDirectory()) {
            throw new IllegalArgumentException(what + " is not a folder: " + path);
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw new IllegalArgumentException(what + " cannot be read (permission denied): " + path);
        }
    }

    private static void rejectUnexpectedFolders(Path split, List<String> classNames)
            throws IOException {
        try (Stream<Path> children = Files.list(split)) {
            List<Path> unexpected = children
                    .filter(Files::isDirectory)
                    .filter(p -> !isHidden(p))
                    .filter(p -> !classNames.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
            if (!unexpected.isEmpty()) {
                throw new IllegalArgumentException("unexpected class folder " + unexpected.get(0)
                        + "; expected only the class folders " + classNames);
            }
        }
    }

    private static List<Path> imageFiles(Path classFolder) throws IOException {
        try (Stream<Path> children = Files.list(classFolder)) {
            return children
                    .filter(Files::isRegularFile)
                    .filter(p -> !isHidden(p))
                    .filter(KermanyTree::hasImageExtension)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    static boolean hasImageExtension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
