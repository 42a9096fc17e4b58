package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.model.TappedModel;
import io.github.cscore.result.Technique;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Explains batches of images with several CAM techniques from one shared pass.
 *
 * <p>One forward and one backward pass through a {@link TappedModel} serve GradCAM, GradCAM++,
 * LayerCAM, MS GradCAM++ and EigenCAM (which needs only the forward); Score-CAM adds its own
 * batched masked forwards. Every map then goes through the same post-processing: ReLU, bilinear
 * upsampling to the input size, min-max to [0, 1], and the flat-map flag.
 *
 * <pre>{@code
 * CamExplainer explainer = CamExplainer.builder().setNetwork(network).build();
 * Map<Technique, CamMaps> maps = explainer.explain(images, labels);
 * }</pre>
 */
public final class CamExplainer {

    /** Default range below which a map is flat. */
    public static final float DEFAULT_FLAT_EPSILON = 1e-7f;

    private final TappedModel model;
    private final CamTaps taps;
    private final Map<Technique, CamTechnique> techniques;
    private final MapScaler scaler;

    private CamExplainer(Builder builder, Map<Technique, CamTechnique> techniques, TappedModel model) {
        this.model = model;
        this.taps = builder.taps;
        this.techniques = techniques;
        Shape input = model.inputShape();
        this.scaler = new MapScaler((int) input.get(1), (int) input.get(2), builder.flatEpsilon);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the enabled techniques, in technique order.
     *
     * @return the techniques
     */
    public Set<Technique> techniques() {
        return techniques.keySet();
    }

    /**
     * Tells whether a technique is cheap enough per image to explain every sample image, not only
     * the gold list ({@link CamTechnique#explainsEverySampleImage()}).
     *
     * @param technique an enabled technique
     * @return true if it explains every image
     * @throws IllegalArgumentException if the technique is not enabled
     */
    public boolean explainsEverySampleImage(Technique technique) {
        CamTechnique implementation = techniques.get(technique);
        if (implementation == null) {
            throw new IllegalArgumentException("technique " + technique.label() + " is not enabled");
        }
        return implementation.explainsEverySampleImage();
    }

    /**
     * Returns the tapped model the explainer runs.
     *
     * @return the tapped model
     */
    public TappedModel model() {
        return model;
    }

    /**
     * Runs the shared pass on a batch: logits, and activations and gradients at the taps. Maps are
     * computed afterwards, per technique, from the returned pass, which must be closed.
     *
     * @param images a batch, (N, channels, height, width), as fed to the model
     * @param targets the class to explain for each image
     * @return the pass
     * @throws IllegalArgumentException if the input shape or a target class is wrong
     */
    public CamPass run(NDArray images, int[] targets) {
        return CamPass.run(model, taps, scaler, techniques, images, targets);
    }

    /**
     * Explains every image of a batch with every enabled technique.
     *
     * @param images a batch, (N, channels, height, width), as fed to the model
     * @param targets the class to explain for each image
     * @return the maps of each technique
     * @throws IllegalArgumentException if the input shape or a target class is wrong
     */
    public Map<Technique, CamMaps> explain(NDArray images, int[] targets) {
        try (CamPass pass = run(images, targets)) {
            Map<Technique, CamMaps> result = new TreeMap<>();
            for (Technique technique : techniques.keySet()) {
                result.put(technique, pass.maps(technique));
            }
            return result;
        }
    }

    /** Builds a {@link CamExplainer}. */
    public static final class Builder {
        private Block block;
        private CamTaps taps;
        private List<Technique> enabled = Technique.builtIns();
        private final Map<Technique, CamTechnique> overrides = new TreeMap<>();
        private float flatEpsilon = DEFAULT_FLAT_EPSILON;
        private boolean oneImageAtATime;

        Builder() {}

        /**
         * Sets the network to explain, with its default taps (required, or use {@link
         * #setBlock} and {@link #setTaps}).
         *
         * @param network an initialised network
         * @return this builder
         */
        public Builder setNetwork(Network network) {
            Objects.requireNonNull(network, "network");
            return setBlock(network.block()).setTaps(network.camTaps());
        }

        /**
         * Sets the block to explain (required). It must be initialised and output logits.
         *
         * @param block the block
         * @return this builder
         */
        public Builder setBlock(Block block) {
            this.block = Objects.requireNonNull(block, "block");
            return this;
        }

        /**
         * Sets where the block is explained (required).
         *
         * @param taps the primary and multi-scale taps
         * @return this builder
         */
        public Builder setTaps(CamTaps taps) {
            this.taps = Objects.requireNonNull(taps, "taps");
            return this;
        }

        /**
         * Chooses the techniques to run. Default: all six.
         *
         * @param techniques the techniques, at least one
         * @return this builder
         * @throws IllegalArgumentException if none is given
         */
        public Builder optTechniques(Technique... techniques) {
            if (techniques.length == 0) {
                throw new IllegalArgumentException("at least one technique is required");
            }
            this.enabled = List.of(techniques);
            return this;
        }

        /**
         * Replaces the implementation of one technique, for example with a variant, a decorated
         * one, or Score-CAM configured otherwise ({@code new ScoreCam(new ScoreCamConfig(8, 64))}).
         * Default: the implementations of this package, Score-CAM exact in batches chosen per network.
         *
         * @param implementation the implementation, used for {@code implementation.technique()}
         * @return this builder
         */
        public Builder optImplementation(CamTechnique implementation) {
            overrides.put(implementation.technique(), implementation);
            return this;
        }

        /**
         * Sets the range below which a map counts as flat. Default: 1e-7.
         *
         * @param flatEpsilon a positive range
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder optFlatEpsilon(float flatEpsilon) {
            if (!(flatEpsilon > 0)) {
                throw new IllegalArgumentException("flatEpsilon must be positive, but was " + flatEpsilon);
            }
            this.flatEpsilon = flatEpsilon;
            return this;
        }

        /**
         * Runs the model one image at a time (forward, backward and Score-CAM's masked forwards):
         * the safe path for an engine whose batched convolutions are wrong (docs/engine.md).
         * Default: false.
         *
         * @param enabled true to split batches into single images
         * @return this builder
         */
        public Builder optOneImageAtATime(boolean enabled) {
            this.oneImageAtATime = enabled;
            return this;
        }

        /**
         * Builds the explainer.
         *
         * @return the explainer
         * @throws IllegalArgumentException if the block or taps are missing, the block is not
         *     initialised, or a tap does not exist
         */
        public CamExplainer build() {
            if (block == null) {
                throw new IllegalArgumentException("block is required (setNetwork or setBlock)");
            }
            if (taps == null) {
                throw new IllegalArgumentException("taps are required (setNetwork or setTaps)");
            }
            Map<Technique, CamTechnique> implementations = implementations();
            TappedModel.Builder model = TappedModel.builder().setBlock(block).optOneImageAtATime(oneImageAtATime);
            boolean multiScale = implementations.values().stream().anyMatch(CamTechnique::usesMultiScaleTaps);
            for (String tap : multiScale ? taps.all() : List.of(taps.primary())) {
                model.addTap(tap);
            }
            return new CamExplainer(this, implementations, model.build());
        }

        /** Each enabled technique's implementation: an override, or the technique's own. */
        private Map<Technique, CamTechnique> implementations() {
            Map<Technique, CamTechnique> result = new TreeMap<>();
            for (Technique technique : enabled) {
                result.put(technique, overrides.containsKey(technique) ? overrides.get(technique) : builtIn(technique));
            }
            return Collections.unmodifiableMap(result);
        }
    }

    /**
     * Makes the implementation of one of the six built-in techniques, at its defaults (Score-CAM:
     * {@link ScoreCamConfig#ofDefaults()}).
     *
     * @param technique a built-in technique
     * @return a new implementation
     * @throws IllegalArgumentException for a technique of one's own: its implementation must be
     *     handed over ({@link Builder#optImplementation})
     */
    public static CamTechnique builtIn(Technique technique) {
        if (!technique.isBuiltIn()) {
            throw new IllegalArgumentException("technique '" + technique.label() + "' is not built in: hand over its "
                    + "implementation with optImplementation");
        }
        return switch (technique.label()) {
            case "gradcam" -> new GradCam();
            case "gradcampp" -> new GradCamPlusPlus();
            case "layercam" -> new LayerCam();
            case "eigencam" -> new EigenCam();
            case "scorecam" -> new ScoreCam();
            case "msgradcampp" -> new MultiScaleGradCamPlusPlus();
            default -> throw new IllegalStateException("no implementation for built-in " + technique.label());
        };
    }
}
