package io.github.cscore.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Writes phantoms as PNG files, greyscale or RGB as their annotation says. */
final class PhantomFiles {

    private PhantomFiles() {}

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
                java.util.Arrays.fill(sample, pixels[y * size + x] & 0xFF);
                raster.setPixel(x, y, sample);
            }
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
