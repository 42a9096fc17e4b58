package io.github.cscore.score;

import java.util.ArrayList;
import java.util.List;

/**
 * One technique's maps of the gold-list instances at one checkpoint, per class, with their
 * confidences: what {@link CScore#score(GoldMaps)} scores.
 *
 * <p>Maps arrive batch by batch at the explanation's resolution and are area-averaged to the
 * scoring resolution once, on arrival ({@link AreaDownsampler}), so only small maps are held until
 * the checkpoint ends. Not thread-safe.
 */
public final class GoldMaps {

    private final int resolution;
    private final List<List<float[]>> maps = new ArrayList<>();
    private final List<List<Float>> confidences = new ArrayList<>();
    private int width;
    private int height;

    /**
     * Creates an empty collection.
     *
     * @param classes the number of classes, at least 1
     * @param resolution the scoring resolution R (maps are held at most R x R), at least 1
     */
    public GoldMaps(int classes, int resolution) {
        if (classes < 1 || resolution < 1) {
            throw new IllegalArgumentException("classes and resolution must be at least 1, but were " + classes
                    + " and " + resolution);
        }
        this.resolution = resolution;
        for (int c = 0; c < classes; c++) {
            maps.add(new ArrayList<>());
            confidences.add(new ArrayList<>());
        }
    }

    /**
     * Adds the map of one gold-list instance.
     *
     * @param classIndex the instance's class (its gold list)
     * @param map the map, row-major, {@code width * height} values in [0, 1]; not kept
     * @param mapWidth its width
     * @param mapHeight its height
     * @param confidence the instance's confidence {@code p_i(c)} for its class
     * @throws IllegalArgumentException if the class is out of range or the map's size differs from
     *     the maps added before
     */
    public void add(int classIndex, float[] map, int mapWidth, int mapHeight, float confidence) {
        if (classIndex < 0 || classIndex >= maps.size()) {
            throw new IllegalArgumentException("classIndex must be in [0, " + maps.size() + "), but was " + classIndex);
        }
        AreaDownsampler downsampler = AreaDownsampler.toResolution(mapWidth, mapHeight, resolution);
        if (size() > 0 && (downsampler.targetWidth() != width || downsampler.targetHeight() != height)) {
            throw new IllegalArgumentException("every map must have the same size; this one scores at "
                    + downsampler.targetWidth() + "x" + downsampler.targetHeight() + ", the others at " + width + "x"
                    + height);
        }
        width = downsampler.targetWidth();
        height = downsampler.targetHeight();
        maps.get(classIndex).add(downsampler.apply(map)); // a copy, even at the same size
        confidences.get(classIndex).add(confidence);
    }

    /**
     * Returns the number of classes.
     *
     * @return the class count
     */
    public int classes() {
        return maps.size();
    }

    /**
     * Returns the number of maps held, over all classes.
     *
     * @return the count
     */
    public int size() {
        return maps.stream().mapToInt(List::size).sum();
    }

    /** The maps of one class, owned by this collection (the scorer may change them in place). */
    List<float[]> maps(int classIndex) {
        return maps.get(classIndex);
    }

    float[] confidences(int classIndex) {
        List<Float> values = confidences.get(classIndex);
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    int width() {
        return Math.max(width, 1);
    }

    int height() {
        return Math.max(height, 1);
    }
}
