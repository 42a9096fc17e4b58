package io.github.cscore.score;

import java.util.Objects;

/**
 * The parameters of the C-Score: gold-list threshold and minimum size, scoring resolution,
 * intensity emphasis and soft-IoU form.
 *
 * <p>Immutable. Create one with {@link #builder()} or take {@link #ofDefaults()}:
 *
 * <pre>{@code
 * CScoreConfig config = CScoreConfig.builder()
 *         .optGoldThreshold(0.8f)   // default 0.9
 *         .optResolution(32)        // default 64
 *         .build();
 * }</pre>
 */
public final class CScoreConfig {

    /** Default confidence a correct prediction needs to enter the gold list (tau). */
    public static final float DEFAULT_GOLD_THRESHOLD = 0.9f;

    /** Default smallest gold list (instances) for which the score is defined (m). */
    public static final int DEFAULT_MIN_GOLD_SIZE = 5;

    /** Default scoring resolution R (pixels per side) the maps are downsampled to. */
    public static final int DEFAULT_RESOLUTION = 64;

    /** Default exponent gamma of the intensity emphasis {@code E = M^gamma}. */
    public static final double DEFAULT_GAMMA = 2.0;

    /** Default soft-IoU form. */
    public static final SoftIou DEFAULT_SIMILARITY = SoftIou.MIN_MAX;

    private static final CScoreConfig DEFAULTS = builder().build();

    private final float goldThreshold;
    private final int minGoldSize;
    private final int resolution;
    private final double gamma;
    private final SoftIou similarity;

    private CScoreConfig(Builder builder) {
        this.goldThreshold = builder.goldThreshold;
        this.minGoldSize = builder.minGoldSize;
        this.resolution = builder.resolution;
        this.gamma = builder.gamma;
        this.similarity = builder.similarity;
    }

    /**
     * Creates a builder preset to the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration with every parameter at its default.
     *
     * @return the default configuration, a shared instance
     */
    public static CScoreConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Creates a builder preset to this configuration, to change a few values.
     *
     * @return a new builder holding this configuration's values
     */
    public Builder toBuilder() {
        return builder()
                .optGoldThreshold(goldThreshold)
                .optMinGoldSize(minGoldSize)
                .optResolution(resolution)
                .optGamma(gamma)
                .optSimilarity(similarity);
    }

    /**
     * The confidence tau a correct prediction needs to enter the gold list, in (0, 1].
     *
     * @return the gold threshold
     */
    public float goldThreshold() {
        return goldThreshold;
    }

    /**
     * The smallest gold list for which the score is defined, at least 2.
     *
     * @return the minimum gold-list size m, in instances
     */
    public int minGoldSize() {
        return minGoldSize;
    }

    /**
     * The scoring resolution R: maps are downsampled to at most R x R before scoring.
     *
     * @return R, in pixels per side
     */
    public int resolution() {
        return resolution;
    }

    /**
     * The intensity-emphasis exponent gamma, positive.
     *
     * @return gamma; 1 means no emphasis
     */
    public double gamma() {
        return gamma;
    }

    /**
     * The soft-IoU form.
     *
     * @return the form the maps are compared with
     */
    public SoftIou similarity() {
        return similarity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CScoreConfig other
                && goldThreshold == other.goldThreshold
                && minGoldSize == other.minGoldSize
                && resolution == other.resolution
                && gamma == other.gamma
                && similarity == other.similarity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(goldThreshold, minGoldSize, resolution, gamma, similarity);
    }

    @Override
    public String toString() {
        return "CScoreConfig{goldThreshold=" + goldThreshold + ", minGoldSize=" + minGoldSize
                + ", resolution=" + resolution + ", gamma=" + gamma + ", similarity=" + similarity + "}";
    }

    /** The builder of a {@link CScoreConfig}; every setter checks its value at once. */
    public static final class Builder {

        private float goldThreshold = DEFAULT_GOLD_THRESHOLD;
        private int minGoldSize = DEFAULT_MIN_GOLD_SIZE;
        private int resolution = DEFAULT_RESOLUTION;
        private double gamma = DEFAULT_GAMMA;
        private SoftIou similarity = DEFAULT_SIMILARITY;

        private Builder() {}

        /**
         * Sets the confidence tau a correctly classified instance needs, for its true class, to
         * enter the gold list. Default {@value CScoreConfig#DEFAULT_GOLD_THRESHOLD}.
         *
         * @param goldThreshold the threshold, in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if the threshold is outside (0, 1] or NaN
         */
        public Builder optGoldThreshold(float goldThreshold) {
            if (!(goldThreshold > 0 && goldThreshold <= 1)) {
                throw new IllegalArgumentException(
                        "goldThreshold must be in (0, 1], but was " + goldThreshold);
            }
            this.goldThreshold = goldThreshold;
            return this;
        }

        /**
         * Sets the smallest gold list m for which the class score is defined; below it the score
         * is NaN with a reason. Default {@value CScoreConfig#DEFAULT_MIN_GOLD_SIZE}.
         *
         * @param minGoldSize the minimum size, at least 2 (one pair)
         * @return this builder
         * @throws IllegalArgumentException if the size is below 2
         */
        public Builder optMinGoldSize(int minGoldSize) {
            if (minGoldSize < 2) {
                throw new IllegalArgumentException("minGoldSize must be at least 2, but was " + minGoldSize);
            }
            this.minGoldSize = minGoldSize;
            return this;
        }

        /**
         * Sets the scoring resolution R: each map is area-averaged to R x R before scoring. An
         * axis not longer than R keeps its own size, so a map of at most R x R is scored as it
         * is (never upsampled). Default {@value CScoreConfig#DEFAULT_RESOLUTION}.
         *
         * @param resolution pixels per side, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the resolution is below 1
         */
        public Builder optResolution(int resolution) {
            if (resolution < 1) {
                throw new IllegalArgumentException("resolution must be at least 1, but was " + resolution);
            }
            this.resolution = resolution;
            return this;
        }

        /**
         * Sets the intensity-emphasis exponent gamma: maps are raised to this power before the
         * soft IoU, so that strong attribution counts more than diffuse background; 1 means no
         * emphasis. Default {@value CScoreConfig#DEFAULT_GAMMA}.
         *
         * @param gamma the exponent, positive and finite
         * @return this builder
         * @throws IllegalArgumentException if gamma is not positive and finite
         */
        public Builder optGamma(double gamma) {
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("gamma must be positive and finite, but was " + gamma);
            }
            this.gamma = gamma;
            return this;
        }

        /**
         * Sets the soft-IoU form. Default {@link SoftIou#MIN_MAX}.
         *
         * @param similarity the form
         * @return this builder
         */
        public Builder optSimilarity(SoftIou similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return a new immutable configuration with this builder's values
         */
        public CScoreConfig build() {
            return new CScoreConfig(this);
        }
    }
}
