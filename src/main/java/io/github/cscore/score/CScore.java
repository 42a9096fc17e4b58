package io.github.cscore.score;

import java.util.List;
import java.util.Objects;

/**
 * The C-Score (consistency score): how alike the explanations of one class are, over the
 * correctly and confidently classified instances of that class.
 *
 * <p>For the gold list {@code G_c} (see {@link GoldList}) with maps {@code M_i} in [0, 1] and
 * confidences {@code p_i = p_i(c)}:
 *
 * <ol>
 *   <li>if {@code |G_c| < minGoldSize} the score is undefined (NaN, with the reason);
 *   <li>each map is area-averaged to the scoring resolution R x R ({@link AreaDownsampler});
 *   <li>emphasised, {@code E_i = M_i^gamma};
 *   <li>compared pairwise with the soft IoU {@code s_ij} ({@link SoftIou}); two all-zero maps
 *       score 0;
 *   <li>and averaged with weights {@code w_ij = p_i p_j}: {@code C_c = sum_{i<j} w_ij s_ij /
 *       sum_{i<j} w_ij}.
 * </ol>
 *
 * <p>The score is symmetric in the instances and does not depend on their order. Immutable and
 * safe to share between threads.
 */
public final class CScore {

    /** How far a map value may lie outside [0, 1] (float rounding upstream) before it is rejected. */
    public static final float MAP_TOLERANCE = 1e-5f;

    private final CScoreConfig config;

    /**
     * Creates the score with the given parameters.
     *
     * @param config the parameters
     */
    public CScore(CScoreConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Creates the score with {@link CScoreConfig#ofDefaults() the default parameters}.
     *
     * @return a score with the default configuration
     */
    public static CScore ofDefaults() {
        return new CScore(CScoreConfig.ofDefaults());
    }

    /**
     * The parameters.
     *
     * @return the configuration this score was created with
     */
    public CScoreConfig config() {
        return config;
    }

    /**
     * Selects the gold list of a class with this score's threshold; see {@link GoldList#select}.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @param classIndex the class
     * @return the indices of the gold-list instances, ascending
     */
    public int[] goldList(int[] labels, float[][] probabilities, int classIndex) {
        return GoldList.select(labels, probabilities, classIndex, config.goldThreshold());
    }

    /**
     * Selects the gold list of every class with this score's threshold, in one pass.
     *
     * @param labels the true class of each instance
     * @param probabilities one row of class probabilities per instance
     * @return for each class, the indices of its gold-list instances, ascending
     */
    public int[][] goldLists(int[] labels, float[][] probabilities) {
        return GoldList.selectAll(labels, probabilities, config.goldThreshold());
    }

    /**
     * Scores every class of one technique's gold maps.
     *
     * @param goldMaps the maps and confidences, already at this score's resolution or coarser; the
     *     maps are consumed (emphasised in place)
     * @return one score per class, in class order
     * @throws IllegalArgumentException if a map value is NaN or outside [0, 1]
     */
    public List<ClassScore> score(GoldMaps goldMaps) {
        List<ClassScore> classes = new java.util.ArrayList<>(goldMaps.classes());
        for (int c = 0; c < goldMaps.classes(); c++) {
            List<float[]> maps = goldMaps.maps(c);
            float[] confidences = goldMaps.confidences(c);
            validate(c, maps, goldMaps.width(), goldMaps.height(), confidences);
            classes.add(scoreEmphasisedInPlace(c, maps, confidences));
        }
        return classes;
    }

    /**
     * Scores one class.
     *
     * @param classIndex the class
     * @param maps the CAM maps of the gold-list instances for this class, row-major, {@code width
     *     * height} values each in [0, 1]; an all-zero map is flat
     * @param width the width of every map
     * @param height the height of every map
     * @param confidences the confidence {@code p_i(c)} of each instance, in [0, 1]
     * @return the score, or an undefined score with its reason when the gold list is smaller than
     *     {@code minGoldSize} or every weight is zero
     * @throws IllegalArgumentException if a map has the wrong length or a value that is NaN or
     *     outside [0, 1] (beyond {@link #MAP_TOLERANCE}), or the confidences do not match
     */
    public ClassScore scoreClass(
            int classIndex, List<float[]> maps, int width, int height, float[] confidences) {
        validate(classIndex, maps, width, height, confidences);
        AreaDownsampler downsampler = AreaDownsampler.toResolution(width, height, config.resolution());
        List<float[]> owned = maps.stream().map(downsampler::apply).toList(); // apply copies, even at identity
        return scoreEmphasisedInPlace(classIndex, owned, confidences);
    }

    /** Scores maps this score may change: they are emphasised in place, no copy. */
    private ClassScore scoreEmphasisedInPlace(int classIndex, List<float[]> maps, float[] confidences) {
        int n = maps.size();
        int flat = 0;
        for (float[] map : maps) {
            flat += isFlat(map) ? 1 : 0;
        }
        if (n < config.minGoldSize()) {
            return ClassScore.undefined(classIndex, n, flat, "gold list has " + n
                    + (n == 1 ? " instance" : " instances") + ", fewer than minGoldSize "
                    + config.minGoldSize());
        }
        float[][] emphasised = new float[n][];
        for (int i = 0; i < n; i++) {
            emphasised[i] = emphasise(maps.get(i));
        }
        PairSums sums = PairwiseSoftIou.compute(emphasised, confidences, config.similarity());
        if (!(sums.totalWeight() > 0)) {
            return ClassScore.undefined(classIndex, n, flat,
                    "confidence weights sum to zero over " + sums.pairs() + " pairs");
        }
        return ClassScore.defined(classIndex, sums.weightedMean(), n, flat);
    }

    /** Clamps the tolerated rounding away and raises every value to gamma, in place. */
    private float[] emphasise(float[] map) {
        double gamma = config.gamma();
        for (int k = 0; k < map.length; k++) {
            float v = Math.min(1f, Math.max(0f, map[k]));
            if (gamma == 2) {
                map[k] = v * v;
            } else if (gamma == 1) {
                map[k] = v;
            } else {
                map[k] = (float) Math.pow(v, gamma);
            }
        }
        return map;
    }

    private static boolean isFlat(float[] map) {
        for (float v : map) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    private static void validate(
            int classIndex, List<float[]> maps, int width, int height, float[] confidences) {
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(confidences, "confidences");
        if (classIndex < 0) {
            throw new IllegalArgumentException("classIndex must be non-negative, but was " + classIndex);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "width and height must be at least 1, but were " + width + " and " + height);
        }
        if (maps.size() != confidences.length) {
            throw new IllegalArgumentException("maps and confidences must have the same length, but were "
                    + maps.size() + " and " + confidences.length);
        }
        for (int i = 0; i < maps.size(); i++) {
            checkMap(maps.get(i), i, width * height);
            if (!(confidences[i] >= 0 && confidences[i] <= 1)) {
                throw new IllegalArgumentException(
                        "confidences[" + i + "] must be in [0, 1], but was " + confidences[i]);
            }
        }
    }

    private static void checkMap(float[] map, int i, int pixels) {
        Objects.requireNonNull(map, "maps[" + i + "]");
        if (map.length != pixels) {
            throw new IllegalArgumentException("maps[" + i + "] must have width * height = " + pixels
                    + " values, but had " + map.length);
        }
        for (int k = 0; k < pixels; k++) {
            if (!(map[k] >= -MAP_TOLERANCE && map[k] <= 1 + MAP_TOLERANCE)) {
                throw new IllegalArgumentException(
                        "maps[" + i + "][" + k + "] must be in [0, 1], but was " + map[k]);
            }
        }
    }
}
