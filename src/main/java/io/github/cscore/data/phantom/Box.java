package io.github.cscore.data.phantom;

/**
 * An axis-aligned rectangle of pixels: columns {@code x0} to {@code x1 - 1} and rows {@code y0}
 * to {@code y1 - 1} (end-exclusive), in the pixel grid of the image it annotates.
 *
 * @param x0 the first column
 * @param y0 the first row
 * @param x1 one past the last column
 * @param y1 one past the last row
 */
public record Box(int x0, int y0, int x1, int y1) {

    /**
     * Checks the corners.
     *
     * @param x0 the first column, non-negative
     * @param y0 the first row, non-negative
     * @param x1 one past the last column, greater than {@code x0}
     * @param y1 one past the last row, greater than {@code y0}
     * @throws IllegalArgumentException if a corner is negative or the box is empty
     */
    public Box {
        if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException(String.format(
                    "box must have 0 <= x0 < x1 and 0 <= y0 < y1, but was (%d, %d, %d, %d)",
                    x0, y0, x1, y1));
        }
    }

    /**
     * Returns the width in pixels.
     *
     * @return {@code x1 - x0}
     */
    public int width() {
        return x1 - x0;
    }

    /**
     * Returns the height in pixels.
     *
     * @return {@code y1 - y0}
     */
    public int height() {
        return y1 - y0;
    }

    /**
     * Tells whether a pixel lies inside the box.
     *
     * @param x the column
     * @param y the row
     * @return true if {@code x0 <= x < x1} and {@code y0 <= y < y1}
     */
    public boolean contains(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    /**
     * Maps the box to an image of another size, as when the loader resizes a phantom: corners
     * are scaled and rounded outwards, so the result still covers the whole region.
     *
     * @param fromSize the side of the image the box was given for
     * @param toSize the side of the target image
     * @return the box in the target image's pixel grid
     */
    public Box rescale(int fromSize, int toSize) {
        double s = (double) toSize / fromSize;
        return new Box((int) Math.floor(x0 * s), (int) Math.floor(y0 * s),
                Math.max((int) Math.floor(x0 * s) + 1, (int) Math.ceil(x1 * s)),
                Math.max((int) Math.floor(y0 * s) + 1, (int) Math.ceil(y1 * s)));
    }

    /** Formats the box as {@code "x0 y0 x1 y1"}, the form the phantom manifest stores. */
    @Override
    public String toString() {
        return x0 + " " + y0 + " " + x1 + " " + y1;
    }

    /**
     * Parses the form {@link #toString()} writes.
     *
     * @param text four integers separated by spaces
     * @return the box
     * @throws IllegalArgumentException if the text is not four integers describing a box
     */
    public static Box parse(String text) {
        String[] parts = text.trim().split(" +");
        if (parts.length != 4) {
            throw new IllegalArgumentException("box must be 'x0 y0 x1 y1', but was '" + text + "'");
        }
        try {
            return new Box(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("box must be 'x0 y0 x1 y1', but was '" + text + "'", e);
        }
    }
}
