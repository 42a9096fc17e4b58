package io.github.cscore.data.phantom;

import java.util.Arrays;
import java.util.Objects;

/**
 * One rendered chest-radiograph phantom: its greyscale pixels and its annotation.
 *
 * @param annotation the file, class, opacities and marker
 * @param pixels row-major 8-bit greyscale pixels, {@code size * size} of them
 */
public record Phantom(PhantomAnnotation annotation, byte[] pixels) {

    /**
     * Checks and copies the components.
     *
     * @param annotation the file, class, opacities and marker, not null
     * @param pixels row-major 8-bit greyscale pixels, {@code size * size} of them; copied
     * @throws IllegalArgumentException if the pixel count does not match the annotation's size
     */
    public Phantom {
        Objects.requireNonNull(annotation, "annotation");
        int size = annotation.size();
        if (pixels.length != size * size) {
            throw new IllegalArgumentException("pixels must hold size * size = " + size * size
                    + " values, but held " + pixels.length);
        }
        pixels = pixels.clone();
    }

    /**
     * Returns the pixels.
     *
     * @return a copy of the row-major 8-bit greyscale pixels
     */
    @Override
    public byte[] pixels() {
        return pixels.clone();
    }

    /**
     * Returns one pixel.
     *
     * @param x the column
     * @param y the row
     * @return the value, 0 to 255
     */
    public int pixel(int x, int y) {
        int size = annotation.size();
        return pixels[Objects.checkIndex(y, size) * size + Objects.checkIndex(x, size)] & 0xFF;
    }

    /**
     * Returns the label.
     *
     * @return 0 for NORMAL, 1 for PNEUMONIA
     */
    public int label() {
        return annotation.label();
    }

    /** Compares the annotation and the pixel values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Phantom p
                && annotation.equals(p.annotation) && Arrays.equals(pixels, p.pixels);
    }

    /** Hashes the annotation and the pixel values. */
    @Override
    public int hashCode() {
        return 31 * annotation.hashCode() + Arrays.hashCode(pixels);
    }

    /** Describes the phantom by its annotation. */
    @Override
    public String toString() {
        return "Phantom[" + annotation + "]";
    }
}
