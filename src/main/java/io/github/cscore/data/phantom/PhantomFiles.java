package io.github.cscore.data.phantom;

import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.storage.FileError;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/** Writes phantoms as PNG files, greyscale or RGB as their annotation says. */
final class PhantomFiles {

    private PhantomFiles() {}

    /** Writes every phantom under {@code root} at its annotated path, in parallel. */
    static void writeAll(Path root, List<Phantom> phantoms) throws IOException {
        try {
            phantoms.parallelStream().forEach(p -> {
                try {
                    writePng(root.resolve(p.annotation().file()), p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Refuses to write into an existing file or a folder that already holds something. */
    static void requireAbsentOrEmpty(Path root) throws IOException {
        if (!isAbsentOrEmpty(root)) {
            throw new IllegalArgumentException(
                    "chestXrayRoot must be absent or empty: " + root);
        }
    }

    /**
     * Tells whether a root can be written without replacing anything.
     *
     * @throws IllegalArgumentException if it exists and is not a folder
     */
    static boolean isAbsentOrEmpty(Path root) throws IOException {
        if (!Files.exists(root)) {
            return true;
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    "chestXrayRoot exists and is not a directory: " + root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.findAny().isEmpty();
        }
    }

    /** The hidden sibling a phantom tree is written into before it is renamed into place. */
    static Path partialSibling(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    }

    /** Deletes a folder left by an interrupted run, if any. */
    static void deleteTree(Path folder) throws IOException {
        try {
            AtomicOutput.deleteTree(folder);
        } catch (IOException e) {
            throw named(folder, "cannot delete the unfinished phantom folder", e);
        }
    }

    static void createDirectories(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw named(folder, "cannot create", e);
        }
    }

    /**
     * Puts a finished tree in the root's place: renamed in one step where the root is absent, else
     * swapped for the old folder ({@link AtomicOutput#replaceFolder}).
     */
    static void moveIntoPlace(Path finished, Path root) throws IOException {
        try {
            AtomicOutput.replaceFolder(finished, root);
        } catch (IOException e) {
            throw named(root, "cannot move the generated phantoms into place", e);
        }
    }

    /** An I/O error that names the file and the underlying reason, whatever the library said. */
    static IOException named(Path file, String what, IOException error) {
        return FileError.named(file, what, error);
    }

    static void writePng(Path file, Phantom phantom) throws IOException {
        int size = phantom.annotation().size();
        byte[] pixels = phantom.pixels();
        boolean rgb = phantom.annotation().rgbFile();
        BufferedImage image = new BufferedImage(size, size,
                rgb ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] sample = new int[rgb ? 3 : 1];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                Arrays.fill(sample, pixels[y * size + x] & 0xFF);
                raster.setPixel(x, y, sample);
            }
        }
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            // ImageIO's own message is only "I/O error writing PNG file!": say which file and why.
            throw named(file, "cannot write", e);
        }
    }
}
