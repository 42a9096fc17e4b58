package io.github.cscore.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

/** Writes small image files for the loader tests. */
final class TestImages {

    private TestImages() {}

    /** Writes an 8-bit greyscale image whose pixel (x, y) is {@code value.applyAsInt(x, y)}. */
    static Path grey(Path file, String format, int width, int height, IntBinaryOperator value)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return write(image, format, file);
    }

    /** Writes an RGB image of one colour. */
    static Path rgb(Path file, String format, int width, int height, int r, int g, int b)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setPixel(x, y, new int[] {r, g, b});
            }
        }
        return write(image, format, file);
    }

    /** Writes bytes that no image reader recognises. */
    static Path garbage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, "this is not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Writes a valid greyscale image, then keeps only the first half of the file. */
    static Path truncated(Path file, String format) throws IOException {
        grey(file, format, 64, 64, (x, y) -> (x * y) % 256);
        byte[] whole = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    }

    private static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }
}
