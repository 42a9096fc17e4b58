package io.github.cscore.data.phantom;

import java.util.Objects;

/**
 * Where one pneumonia-like opacity of a phantom lies: the lung it was drawn in and its bounding
 * box (the pixels where it adds at least a quarter of its peak brightness).
 *
 * @param lung the lung, named from the patient's side as radiologists do
 * @param box the bounding box in the phantom's pixel grid
 */
public record Opacity(Lung lung, Box box) {

    /**
     * Checks the components.
     *
     * @param lung the lung the opacity was drawn in, not null
     * @param box the bounding box in the phantom's pixel grid, not null
     */
    public Opacity {
        Objects.requireNonNull(lung, "lung");
        Objects.requireNonNull(box, "box");
    }

    /**
     * A lung, named from the patient's side. In the frontal view the patient faces the viewer, so
     * the right lung is on the left of the image.
     */
    public enum Lung {
        /** The patient's right lung, on the left half of the image. */
        RIGHT,
        /** The patient's left lung, on the right half of the image, partly behind the heart. */
        LEFT
    }
}
