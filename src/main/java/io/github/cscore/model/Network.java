package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.Objects;

/**
 * A built image classifier: its block, the split into backbone and head, its input shape and
 * where it is explained.
 *
 * <p>The block is a {@link NamedSequentialBlock} with two children, {@code backbone} (feature
 * extractor, ending in the last spatial feature map) and {@code head} (global pooling and the
 * classifier). Freezing the backbone is the transfer-learning phase; unfreezing it is fine-tuning.
 *
 * @param name a short name for logs and metric labels, e.g. {@code resnet50v2}
 * @param block the whole network, whose output is one logit per class (no softmax)
 * @param backbone the feature extractor, a child of {@code block}
 * @param head the classifier on top of the backbone, a child of {@code block}
 * @param inputShape the shape of one input image, (channels, height, width)
 * @param numClasses the number of output logits
 * @param camTaps the default taps for the CAM techniques
 */
public record Network(
        String name,
        Block block,
        Block backbone,
        Block head,
        Shape inputShape,
        int numClasses,
        CamTaps camTaps) {

    /** Checks the components. */
    public Network {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(camTaps, "camTaps");
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException(
                    "inputShape must be (channels, height, width), but was " + inputShape);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, but was " + numClasses);
        }
    }

    /**
     * Freezes or unfreezes every backbone parameter: frozen for the transfer-learning phase,
     * unfrozen for fine-tuning. The head always stays trainable.
     *
     * @param frozen true to freeze
     */
    public void freezeBackbone(boolean frozen) {
        backbone.freezeParameters(frozen);
    }

    /**
     * Tells whether every parameter of the backbone is frozen (the transfer-learning phase).
     *
     * @return true if the backbone has parameters and none of them requires a gradient
     */
    public boolean isBackboneFrozen() {
        var parameters = backbone.getParameters().values();
        return !parameters.isEmpty() && parameters.stream().noneMatch(p -> p.requiresGradient());
    }
}
