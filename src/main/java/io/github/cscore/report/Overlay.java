package io.github.cscore.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * A CAM map drawn over its image, as CAM libraries show it (pytorch-grad-cam's {@code
 * show_cam_on_image}): the map coloured with a jet-like colour map (dark blue at 0, green at 0.5,
 * dark red at 1), alpha-blended over the grayscale image.
 */
final class Overlay {

    /** Weight of the heat map in the blend; the image shows through with the rest. */
    static final float DEFAULT_ALPHA = 0.5f;

    private Overlay() {}

    /**
     * Colours a map value with the jet colour map: each channel a clamped tent, red peaking at 0.75,
     * green at 0.5, blue at 0.25.
     *
     * @param value a map value in [0, 1]; clamped
     * @return the colour as 0xRRGGBB
     */
    static int jet(float value) {
        float v = Float.isNaN(value) ? 0f : Math.max(0f, Math.min(1f, value));
        int red = channel(1.5f - Math.abs(4f * v - 3f));
        int green = channel(1.5f - Math.abs(4f * v - 2f));
        int blue = channel(1.5f - Math.abs(4f * v - 1f));
        return (red << 16) | (green << 8) | blue;
    }

    private static int channel(float level) {
        return Math.round(Math.max(0f, Math.min(1f, level)) * 255f);
    }

    /**
     * Blends a map's colours over a grayscale image, each pixel {@code (1 - alpha) gray + alpha
     * jet(map)}, enlarged by a whole factor (nearest neighbour) so small inputs stay visible.
     *
     * @param gray the image, {@code height * width} values in [0, 1]
     * @param map the map, the same size, values in [0, 1]; null draws the image alone
     * @param width the width
     * @param height the height
     * @param alpha the heat map's weight in [0, 1]
     * @param scale the enlargement, at least 1
     * @return an RGB image {@code scale} times the size
     */
    static BufferedImage blend(float[] gray, float[] map, int width, int height, float alpha, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int rgb = map == null ? mix(gray[p], 0, 0f) : mix(gray[p], jet(map[p]), alpha);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    private static int mix(float gray, int heat, float alpha) {
        float level = 255f * (Float.isNaN(gray) ? 0f : Math.max(0f, Math.min(1f, gray)));
        int red = Math.round((1 - alpha) * level + alpha * ((heat >> 16) & 0xff));
        int green = Math.round((1 - alpha) * level + alpha * ((heat >> 8) & 0xff));
        int blue = Math.round((1 - alpha) * level + alpha * (heat & 0xff));
        return (red << 16) | (green << 8) | blue;
    }

    /**
     * Encodes an image as a PNG {@code data:} URI, for an {@code <img>} of a self-contained page.
     *
     * @param image the image
     * @return {@code data:image/png;base64,...}
     */
    static String pngDataUri(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an overlay as PNG", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
