package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyFolder;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about one phantom image: where its file is, its class, and where its opacities
 * and shortcut marker are. One row of the manifest {@link ChestPhantoms#writeTo(java.nio.file.Path)} writes.
 *
 * @param file the image's path relative to the {@code chest_xray} root, with {@code /} separators,
 *     e.g. {@code train/PNEUMONIA/phantom-00012.png}
 * @param folder the split folder the image is in
 * @param className the class folder, {@code NORMAL} or {@code PNEUMONIA}
 * @param size the side of the image in pixels; boxes are in this grid
 * @param rgbFile true if the file is stored as RGB (with equal channels), false if greyscale
 * @param marker the shortcut marker's box, if the image carries one
 * @param opacities the opacities, empty for a NORMAL image
 */
public record PhantomAnnotation(
        String file,
        KermanyFolder folder,
        String className,
        int size,
        boolean rgbFile,
        Optional<Box> marker,
        List<Opacity> opacities) {

    /**
     * Checks and copies the components.
     *
     * @param file the image's path relative to the {@code chest_xray} root, with {@code /}
     *     separators, not null
     * @param folder the split folder the image is in, not null
     * @param className the class folder, {@code NORMAL} or {@code PNEUMONIA}, not null
     * @param size the side of the image in pixels, at least 1
     * @param rgbFile true if the file is stored as RGB (with equal channels), false if greyscale
     * @param marker the shortcut marker's box, or empty; not null
     * @param opacities the opacities, empty for a NORMAL image; copied
     * @throws IllegalArgumentException if the size is below 1
     */
    public PhantomAnnotation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(marker, "marker");
        opacities = List.copyOf(opacities);
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, but was " + size);
        }
    }

    /**
     * Returns the label, the position of the class in {@link ChestPhantoms#CLASS_NAMES}.
     *
     * @return 0 for NORMAL, 1 for PNEUMONIA
     */
    public int label() {
        return ChestPhantoms.CLASS_NAMES.indexOf(className);
    }
}
