package io.github.cscore.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.io.IOException;
import java.nio.file.Path;
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

    /**
     * Checks the components.
     *
     * @param name a short name for logs and metric labels, not null
     * @param block the whole network, not null
     * @param backbone the feature extractor, a child of {@code block}, not null
     * @param head the classifier on top of the backbone, a child of {@code block}, not null
     * @param inputShape the shape of one input image, (channels, height, width), not null
     * @param numClasses the number of output logits, at least 2
     * @param camTaps the default taps for the CAM techniques, not null
     * @throws IllegalArgumentException if the input shape does not have three dimensions or there
     *     are fewer than two classes
     */
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
        // DJL's unfreeze would make the BatchNorm running statistics require gradients too.
        backbone.freezeParameters(frozen, Network::isTrainable);
    }

    /**
     * Tells whether a parameter is learned by the optimiser: everything but BatchNorm's running
     * statistics, which DJL registers as parameters too. The one rule for "trainable" here:
     * freezing, and the monitor's phase inference, both use it.
     *
     * @param parameter a parameter of a block
     * @return false for running means and variances
     */
    public static boolean isTrainable(Parameter parameter) {
        return parameter.getType() != Parameter.Type.RUNNING_MEAN
                && parameter.getType() != Parameter.Type.RUNNING_VAR;
    }

    /**
     * Tells whether any trainable parameter of a block is frozen: the transfer-learning phase.
     *
     * @param block any block
     * @return true if some parameter that training would learn does not require a gradient
     */
    public static boolean hasFrozenWeights(Block block) {
        return block.getParameters().values().stream()
                .filter(Network::isTrainable)
                .anyMatch(parameter -> !parameter.requiresGradient());
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

    /**
     * Initialises every parameter for float32 input of this network's shape (batch size 1), as
     * a DJL {@code Trainer.initialize} would. Parameters already set (for example by {@link
     * #loadBackbone}) keep their values.
     *
     * @param manager the manager that owns the parameter arrays
     */
    public void initialize(NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape));
    }

    /**
     * Counts every parameter of the network, BatchNorm running statistics included, as Keras'
     * "Total params" does.
     *
     * @return the number of scalar parameters
     * @throws IllegalStateException if the network is not initialised
     */
    public long parameterCount() {
        return count(block);
    }

    /**
     * Counts the backbone's parameters, BatchNorm running statistics included.
     *
     * @return the number of scalar parameters in the backbone
     * @throws IllegalStateException if the network is not initialised
     */
    public long backboneParameterCount() {
        return count(backbone);
    }

    private static long count(Block part) {
        if (!part.isInitialized()) {
            throw new IllegalStateException("the network must be initialised before counting parameters");
        }
        return part.getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    /**
     * Writes the backbone's parameters to a file: a header naming the network and every parameter
     * with its shape, then DJL's parameter stream of the backbone block ({@code
     * Block.saveParameters}). The format is described in {@code docs/models.md}.
     *
     * @param path the file to write
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is not initialised
     */
    public void saveBackbone(Path path) throws IOException {
        BackboneFile.save(this, Objects.requireNonNull(path, "path"));
    }

    /**
     * Replaces the backbone's parameters with those of a file written by {@link #saveBackbone},
     * creating the arrays in the manager that holds the current ones. The head is left alone, so
     * weights of a backbone trained with another number of classes or input size fit.
     *
     * @param path the file to read
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not a backbone file or was saved from another
     *     architecture, width or depth; nothing is changed then
     * @throws IllegalStateException if the network is not initialised
     */
    public void loadBackbone(Path path) throws IOException {
        Parameter first = backbone.getParameters().values().get(0);
        if (!first.isInitialized()) {
            throw new IllegalStateException("the network must be initialised before loading its backbone");
        }
        loadBackbone(path, first.getArray().getManager());
    }

    /**
     * Replaces the backbone's parameters with those of a file written by {@link #saveBackbone}.
     *
     * @param path the file to read
     * @param manager the manager that will own the loaded arrays
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not a backbone file or was saved from another
     *     architecture, width or depth; nothing is changed then
     * @throws IllegalStateException if the network is not initialised
     */
    public void loadBackbone(Path path, NDManager manager) throws IOException {
        BackboneFile.load(this, Objects.requireNonNull(path, "path"), Objects.requireNonNull(manager, "manager"));
    }
}
