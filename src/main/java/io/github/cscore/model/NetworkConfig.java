package io.github.cscore.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to scale one of the paper's architectures: input size, number of classes, width, depth and
 * stem, plus the BatchNorm momentum.
 *
 * <p>Every value left unset takes the architecture's reference (Keras) value, so {@code
 * NetworkConfig.builder().build()} builds the published network. The scaled-down settings keep
 * the topology: the same units in the same order, with fewer channels, fewer repeated units, or a
 * stem that does not down-sample. {@link #demo()} is the preset for tests and demonstrations, and
 * {@link #demo(int, float, int)} the same scale at another input, width or number of classes.
 *
 * <pre>{@code
 * NetworkConfig config = NetworkConfig.builder()
 *         .optInputSize(96)
 *         .optNumClasses(2)
 *         .optWidthMultiplier(0.5f)
 *         .optMaxBlocksPerStage(2)
 *         .build();
 * Network network = Architecture.RESNET50_V2.build(config);
 * }</pre>
 */
public final class NetworkConfig {

    /** Classes of the reference configuration (ImageNet). */
    public static final int DEFAULT_NUM_CLASSES = 1000;
    /** Width multiplier of the reference configuration. */
    public static final float DEFAULT_WIDTH_MULTIPLIER = 1.0f;
    /** BatchNorm momentum: DJL's default, not Keras' 0.99 (see {@link Builder#optBatchNormMomentum}). */
    public static final float DEFAULT_BATCH_NORM_MOMENTUM = 0.9f;
    /** Input size of {@link #demo()}, in pixels. */
    public static final int DEMO_INPUT_SIZE = 64;
    /** Width multiplier of {@link #demo()}. */
    public static final float DEMO_WIDTH_MULTIPLIER = 0.25f;
    /** The smallest input of the demo scale: it leaves every architecture's CAM tap at least 2x2. */
    public static final int DEMO_MIN_INPUT_SIZE = 32;
    /** The largest input of the demo scale, which is meant for a CPU; larger inputs take a builder. */
    public static final int DEMO_MAX_INPUT_SIZE = 512;
    /** The input size from which the demo scale's stem down-samples as Keras' does. */
    public static final int DEMO_STEM_DOWNSAMPLING_FROM = 160;

    private final int inputSize;
    private final int numClasses;
    private final float widthMultiplier;
    private final int[] blocksPerStage;
    private final int maxBlocksPerStage;
    private final boolean stemDownsampling;
    private final float batchNormMomentum;

    private NetworkConfig(Builder builder) {
        inputSize = builder.inputSize;
        numClasses = builder.numClasses;
        widthMultiplier = builder.widthMultiplier;
        blocksPerStage = builder.blocksPerStage;
        maxBlocksPerStage = builder.maxBlocksPerStage;
        stemDownsampling = builder.stemDownsampling;
        batchNormMomentum = builder.batchNormMomentum;
    }

    /**
     * Creates a builder whose defaults are the reference configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The reference configuration of every architecture: its published input size, 1000 classes,
     * full width and depth, standard stem.
     *
     * @return the reference configuration
     */
    public static NetworkConfig reference() {
        return builder().build();
    }

    /**
     * The preset for tests and demonstrations: 64x64 input, 2 classes, width 0.25, at most two
     * repeated units per stage, stem without down-sampling; {@code demo(64, 0.25f, 2)}. Every
     * architecture then keeps a CAM tap of at least 8x8 (ResNet50V2 and DenseNet201 8x8,
     * InceptionV3 13x13) and one training step on a batch takes well under a second per image on
     * two cores (see {@code docs/models.md}).
     *
     * @return the demo configuration
     */
    public static NetworkConfig demo() {
        return demo(DEMO_INPUT_SIZE, DEMO_WIDTH_MULTIPLIER, 2);
    }

    /**
     * The demo scale at another input size, width or number of classes: at most two repeated
     * units per stage, and a stem that down-samples only from an input of {@value
     * #DEMO_STEM_DOWNSAMPLING_FROM} pixels on, so that small inputs keep a useful CAM resolution.
     * {@code cscore demo}, {@code cscore study} and {@code cscore pretrain} build their networks
     * with it, so a backbone pretrained at one input and width loads into the demo's network of
     * the same input and width.
     *
     * @param inputSize the input height and width, in [{@value #DEMO_MIN_INPUT_SIZE}, {@value
     *     #DEMO_MAX_INPUT_SIZE}]
     * @param widthMultiplier the width multiplier, in (0, 4]
     * @param numClasses the number of classes, at least 2
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    public static NetworkConfig demo(int inputSize, float widthMultiplier, int numClasses) {
        if (inputSize < DEMO_MIN_INPUT_SIZE || inputSize > DEMO_MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("inputSize must be in [" + DEMO_MIN_INPUT_SIZE + ", "
                    + DEMO_MAX_INPUT_SIZE + "] pixels, but was " + inputSize);
        }
        return builder()
                .optInputSize(inputSize)
                .optNumClasses(numClasses)
                .optWidthMultiplier(widthMultiplier)
                .optMaxBlocksPerStage(2)
                .optStemDownsampling(inputSize >= DEMO_STEM_DOWNSAMPLING_FROM)
                .build();
    }

    /**
     * The input size (height and width) if one was set.
     *
     * @return the input size, or empty for the architecture's reference size
     */
    public Optional<Integer> inputSize() {
        return inputSize == 0 ? Optional.empty() : Optional.of(inputSize);
    }

    /**
     * The number of output logits.
     *
     * @return the number of classes
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The factor applied to every channel count (and to DenseNet's growth rate).
     *
     * @return the width multiplier
     */
    public float widthMultiplier() {
        return widthMultiplier;
    }

    /**
     * The repeated units per stage if they were set explicitly.
     *
     * @return a copy of the units per stage, or empty for the architecture's reference depth
     */
    public Optional<int[]> blocksPerStage() {
        return Optional.ofNullable(blocksPerStage).map(int[]::clone);
    }

    /**
     * The cap on repeated units per stage.
     *
     * @return the cap, or {@link Integer#MAX_VALUE} for none
     */
    public int maxBlocksPerStage() {
        return maxBlocksPerStage;
    }

    /**
     * Tells whether the stem down-samples as in Keras (strided first convolution and max pooling).
     *
     * @return false if the stem keeps the input resolution apart from valid convolutions
     */
    public boolean stemDownsampling() {
        return stemDownsampling;
    }

    /**
     * The momentum of the BatchNorm running statistics.
     *
     * @return the weight of the old value in each update
     */
    public float batchNormMomentum() {
        return batchNormMomentum;
    }

    /**
     * Scales a reference channel count by the width multiplier: rounded to the nearest integer,
     * at least 1. At width 1 every count is the reference one.
     *
     * @param referenceChannels the channel count of the reference network
     * @return the scaled channel count
     */
    public int channels(int referenceChannels) {
        return Math.max(1, Math.round(referenceChannels * widthMultiplier));
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NetworkConfig)) {
            return false;
        }
        NetworkConfig that = (NetworkConfig) other;
        return inputSize == that.inputSize
                && numClasses == that.numClasses
                && Float.compare(widthMultiplier, that.widthMultiplier) == 0
                && Arrays.equals(blocksPerStage, that.blocksPerStage)
                && maxBlocksPerStage == that.maxBlocksPerStage
                && stemDownsampling == that.stemDownsampling
                && Float.compare(batchNormMomentum, that.batchNormMomentum) == 0;
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return Objects.hash(
                inputSize, numClasses, widthMultiplier, Arrays.hashCode(blocksPerStage),
                maxBlocksPerStage, stemDownsampling, batchNormMomentum);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "NetworkConfig[inputSize=" + (inputSize == 0 ? "reference" : inputSize)
                + ", numClasses=" + numClasses
                + ", widthMultiplier=" + widthMultiplier
                + ", blocksPerStage=" + (blocksPerStage == null ? "reference" : Arrays.toString(blocksPerStage))
                + (maxBlocksPerStage == Integer.MAX_VALUE ? "" : ", maxBlocksPerStage=" + maxBlocksPerStage)
                + ", stemDownsampling=" + stemDownsampling
                + ", batchNormMomentum=" + batchNormMomentum + "]";
    }

    /** Builds a {@link NetworkConfig}; every setter checks its value on the spot. */
    public static final class Builder {

        private int inputSize;
        private int numClasses = DEFAULT_NUM_CLASSES;
        private float widthMultiplier = DEFAULT_WIDTH_MULTIPLIER;
        private int[] blocksPerStage;
        private int maxBlocksPerStage = Integer.MAX_VALUE;
        private boolean stemDownsampling = true;
        private float batchNormMomentum = DEFAULT_BATCH_NORM_MOMENTUM;

        private Builder() {}

        /**
         * Sets the height and width of the (square) input image. Defaults to the architecture's
         * reference size: 224 for ResNet50V2 and DenseNet201, 299 for InceptionV3. Whether the
         * size leaves a CAM tap of at least 2x2 depends on the architecture and the stem, so {@link
         * Architecture#build} checks it.
         *
         * @param inputSize the input size in pixels, positive
         * @return this builder
         * @throws IllegalArgumentException if the size is not positive
         */
        public Builder optInputSize(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("inputSize must be positive, but was " + inputSize);
            }
            this.inputSize = inputSize;
            return this;
        }

        /**
         * Sets the number of output logits. Defaults to 1000.
         *
         * @param numClasses the number of classes, at least 2
         * @return this builder
         * @throws IllegalArgumentException if fewer than two classes are asked for
         */
        public Builder optNumClasses(int numClasses) {
            if (numClasses < 2) {
                throw new IllegalArgumentException("numClasses must be at least 2, but was " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the factor applied to every channel count: convolution filters, DenseNet's growth
         * rate, the stem. Scaled counts are rounded to the nearest integer and are at least 1.
         * Defaults to 1.0.
         *
         * @param widthMultiplier the factor, in (0, 4]
         * @return this builder
         * @throws IllegalArgumentException if the factor is outside (0, 4]
         */
        public Builder optWidthMultiplier(float widthMultiplier) {
            if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
                throw new IllegalArgumentException(
                        "widthMultiplier must be in (0, 4], but was " + widthMultiplier);
            }
            this.widthMultiplier = widthMultiplier;
            return this;
        }

        /**
         * Sets the number of repeated units in each stage. Defaults to the reference depth:
         * ResNet50V2 residual units per stack {3, 4, 6, 3}; DenseNet201 layers per dense block
         * {6, 12, 48, 32}; InceptionV3 modules per group {3, 4, 2} (mixed0-2, mixed4-7, mixed9-10;
         * the two grid reductions mixed3 and mixed8 are always present). The number of values must
         * match the architecture, which {@link Architecture#build} checks.
         *
         * @param blocks the units per stage, each at least 1
         * @return this builder
         * @throws IllegalArgumentException if no value is given or a value is below 1
         */
        public Builder optBlocksPerStage(int... blocks) {
            if (blocks == null || blocks.length == 0) {
                throw new IllegalArgumentException("blocksPerStage needs at least one value");
            }
            for (int b : blocks) {
                if (b < 1) {
                    throw new IllegalArgumentException(
                            "blocksPerStage values must be at least 1, but were " + Arrays.toString(blocks));
                }
            }
            this.blocksPerStage = blocks.clone();
            return this;
        }

        /**
         * Caps the repeated units of every stage, applied to the units in effect (explicit or
         * reference): a cap of 2 turns ResNet50V2's {3, 4, 6, 3} into {2, 2, 2, 2}. Defaults to no
         * cap.
         *
         * @param max the largest number of units per stage, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the cap is below 1
         */
        public Builder optMaxBlocksPerStage(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBlocksPerStage must be at least 1, but was " + max);
            }
            this.maxBlocksPerStage = max;
            return this;
        }

        /**
         * Sets whether the stem down-samples as in Keras. Without down-sampling the first
         * convolution has stride 1 and the stem's max pooling is left out: the feature maps are 4
         * times larger per side (ResNet50V2, DenseNet201: overall stride 8 instead of 32;
         * InceptionV3: 4 times finer than with its stride-2 convolution and two poolings), which
         * keeps a useful CAM resolution for small inputs. The parameter count does not change.
         * Defaults to true.
         *
         * @param stemDownsampling false to keep the input resolution in the stem
         * @return this builder
         */
        public Builder optStemDownsampling(boolean stemDownsampling) {
            this.stemDownsampling = stemDownsampling;
            return this;
        }

        /**
         * Sets the momentum of the BatchNorm running statistics: each training step keeps this
         * share of the old value. Defaults to 0.9 (DJL's default); Keras uses 0.99, which needs
         * hundreds of steps before the running statistics (used for evaluation and CAMs) settle.
         *
         * @param momentum the momentum, in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if the momentum is outside [0, 1)
         */
        public Builder optBatchNormMomentum(float momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException(
                        "batchNormMomentum must be in [0, 1), but was " + momentum);
            }
            this.batchNormMomentum = momentum;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public NetworkConfig build() {
            return new NetworkConfig(this);
        }
    }
}
