package io.github.cscore.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image file decoded to 8-bit channel-major planes: one channel for greyscale, three for
 * colour.
 *
 * <p>A colour file whose three channels are equal everywhere (many Kermany "RGB" radiographs) is
 * kept as one channel: that is lossless and a third of the memory. Sixteen-bit greyscale keeps its
 * top eight bits. Alpha is ignored.
 */
record DecodedImage(int height, int width, int channels, byte[] planes) {

    /**
     * Decodes a file, or explains why it cannot.
     *
     * @throws IOException if no reader accepts the file, decoding fails, or the reader reports
     *     that the data ended early (a truncated JPEG decodes "successfully" with a warning)
     */
    static DecodedImage read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image format this JVM reads");
            }
            ImageReader reader = readers.next();
            try {
                List<String> truncations = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    String lower = warning.toLowerCase(Locale.ROOT);
                    if (lower.contains("truncated") || lower.contains("premature end")) {
                        truncations.add(warning);
                    }
                });
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (!truncations.isEmpty()) {
                    throw new IOException(truncations.get(0));
                }
                return of(image);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            // Some decoders signal malformed data with unchecked exceptions.
            throw new IOException(e.toString(), e);
        }
    }

    /** Converts a decoded image to planes. */
    static DecodedImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean grey = image.getColorModel().getNumColorComponents() == 1
                && !(image.getColorModel() instanceof IndexColorModel);
        return grey ? greyPlanes(image.getRaster(), h, w) : colourPlanes(image, h, w);
    }

    private static DecodedImage greyPlanes(Raster raster, int h, int w) {
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] plane = new byte[w * h];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) (bits > 8 ? samples[i] >>> (bits - 8) : samples[i] * 255 / ((1 << bits) - 1));
        }
        return new DecodedImage(h, w, 1, plane);
    }

    private static DecodedImage colourPlanes(BufferedImage image, int h, int w) {
        int plane = w * h;
        byte[] rgb = new byte[3 * plane];
        int[] row = new int[w];
        boolean allGrey = true;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                rgb[i] = (byte) (p >> 16);
                rgb[plane + i] = (byte) (p >> 8);
                rgb[2 * plane + i] = (byte) p;
                allGrey &= rgb[i] == rgb[plane + i] && rgb[i] == rgb[2 * plane + i];
            }
        }
        if (allGrey) {
            return new DecodedImage(h, w, 1, Arrays.copyOf(rgb, plane));
        }
        return new DecodedImage(h, w, 3, rgb);
    }

    /** Resizes every channel to {@code size} x {@code size}, stretching (no crop, no padding). */
    DecodedImage resizedTo(int size) {
        if (height == size && width == size) {
            return this;
        }
        Resampler resampler = new Resampler(height, width, size, size);
        byte[] out = new byte[channels * size * size];
        for (int c = 0; c < channels; c++) {
            byte[] plane = resampler.resizeToBytes(planes, c * height * width);
            System.arraycopy(plane, 0, out, c * size * size, plane.length);
        }
        return new DecodedImage(size, size, channels, out);
    }
}
