package io.github.cscore.data;

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
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    "chestXrayRoot exists and is not a directory: " + root);
        }
        try (Stream<Path> children = Files.list(root)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException(
                        "chestXrayRoot must be absent or empty: " + root);
            }
        }
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
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
