package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import java.util.Arrays;
import java.util.Map;

/**
 * The three architectures of the C-Score study, built from DJL blocks with the topology of the
 * Keras application models of the same name.
 *
 * <p>At the reference configuration ({@link NetworkConfig#reference()}: 1000 classes, reference
 * input size, full width and depth) the parameter count, BatchNorm running statistics included,
 * equals {@link #referenceParameterCount()}, the figure Keras publishes for the model with its
 * top. The head is global average pooling, flatten and a dense layer producing logits: Keras'
 * top applies a softmax as well, which has no parameters and which the CAM techniques must not
 * see (they explain logits).
 */
public enum Architecture {

    /** ResNet50V2, the pre-activation ResNet-50; reference input 224x224. */
    RESNET50_V2("resnet50v2", 224, 25_613_800L, new ResNet50V2(), ResNet50V2.REFERENCE_BLOCKS),
    /** DenseNet201; reference input 224x224. */
    DENSENET201("densenet201", 224, 20_242_984L, new DenseNet201(), DenseNet201.REFERENCE_BLOCKS),
    /** InceptionV3; reference input 299x299. */
    INCEPTION_V3("inceptionv3", 299, 23_851_784L, new InceptionV3(), InceptionV3.REFERENCE_BLOCKS);

    private static final int LARGEST_SEARCHED_INPUT = 4096;

    private final String label;
    private final int referenceInputSize;
    private final long referenceParameterCount;
    private final Topology topology;
    private final int[] referenceBlocks;

    Architecture(String label, int inputSize, long parameterCount, Topology topology, int[] blocks) {
        this.label = label;
        this.referenceInputSize = inputSize;
        this.referenceParameterCount = parameterCount;
        this.topology = topology;
        this.referenceBlocks = blocks;
    }

    /**
     * The short name used in logs, metric labels and the command line, e.g. {@code resnet50v2}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The input height and width of the reference configuration.
     *
     * @return 224, or 299 for InceptionV3
     */
    public int referenceInputSize() {
        return referenceInputSize;
    }

    /**
     * The published Keras parameter count with the top (1000 classes), BatchNorm running
     * statistics included.
     *
     * @return the total number of parameters at the reference configuration
     */
    public long referenceParameterCount() {
        return referenceParameterCount;
    }

    /**
     * The repeated units per stage at full depth (see {@link NetworkConfig.Builder#optBlocksPerStage}).
     *
     * @return a copy of the reference units per stage
     */
    public int[] referenceBlocksPerStage() {
        return referenceBlocks.clone();
    }

    /**
     * Finds an architecture by its label, ignoring case.
     *
     * @param label a label such as {@code densenet201}
     * @return the architecture
     * @throws IllegalArgumentException if no architecture has that label
     */
    public static Architecture fromLabel(String label) {
        for (Architecture architecture : values()) {
            if (architecture.label.equalsIgnoreCase(label)) {
                return architecture;
            }
        }
        throw new IllegalArgumentException("architecture must be one of resnet50v2, densenet201, "
                + "inceptionv3, but was '" + label + "'");
    }

    /**
     * Builds the network, not yet initialised: initialise it with {@link Network#initialize} or
     * through a DJL {@code Trainer}.
     *
     * @param config the scale of the network
     * @return the network with its backbone/head split and CAM taps
     * @throws IllegalArgumentException if the configuration does not fit this architecture (number
     *     of stages, or an input too small to leave a 2x2 map at the CAM tap)
     */
    public Network build(NetworkConfig config) {
        BuildPlan plan = plan(config);
        NamedSequentialBlock backbone = topology.backbone(plan);
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("avg_pool", Pool.globalAvgPool2dBlock())
                .add("flatten", Blocks.batchFlattenBlock())
                .add("predictions", Linear.builder().setUnits(plan.numClasses()).build());
        NamedSequentialBlock root = new NamedSequentialBlock().add("backbone", backbone).add("head", head);
        Shape input = new Shape(3, plan.inputSize(), plan.inputSize());
        return new Network(label, root, backbone, head, input, plan.numClasses(), topology.camTaps(plan));
    }

    /**
     * The CAM taps of the network this configuration builds, without building it.
     *
     * @param config the scale of the network
     * @return the primary and multi-scale taps
     */
    public CamTaps camTaps(NetworkConfig config) {
        return topology.camTaps(plan(config));
    }

    /**
     * The shape (channels, height, width) of one image's activations at every CAM tap, computed
     * from the configuration alone.
     *
     * @param config the scale of the network
     * @return the tap shapes by tap path, primary tap first
     */
    public Map<String, Shape> tapShapes(NetworkConfig config) {
        return topology.tapShapes(plan(config));
    }

    /**
     * The smallest input size that leaves at least a 2x2 map at the primary CAM tap with this
     * configuration's stem, width and depth (its input size is ignored).
     *
     * @param config the scale of the network
     * @return the smallest valid input size
     */
    public int minimumInputSize(NetworkConfig config) {
        int[] blocks = blocks(config);
        for (int size = 1; size <= LARGEST_SEARCHED_INPUT; size++) {
            if (primarySize(new BuildPlan(config, size, blocks)) >= 2) {
                return size;
            }
        }
        throw new IllegalStateException("no input size up to " + LARGEST_SEARCHED_INPUT + " fits " + label);
    }

    BuildPlan plan(NetworkConfig config) {
        int size = config.inputSize().orElse(referenceInputSize);
        BuildPlan plan = new BuildPlan(config, size, blocks(config));
        int tapSize = primarySize(plan);
        if (tapSize < 2) {
            throw new IllegalArgumentException("inputSize must leave at least a 2x2 map at the CAM tap "
                    + "of " + label + " (at least " + minimumInputSize(config) + " with this stem), but was "
                    + size + " (" + Math.max(tapSize, 0) + "x" + Math.max(tapSize, 0) + ")");
        }
        return plan;
    }

    private int primarySize(BuildPlan plan) {
        return (int) topology.tapShapes(plan).values().iterator().next().get(1);
    }

    private int[] blocks(NetworkConfig config) {
        int[] blocks = config.blocksPerStage().orElse(referenceBlocks.clone());
        if (blocks.length != referenceBlocks.length) {
            throw new IllegalArgumentException("blocksPerStage of " + label + " needs "
                    + referenceBlocks.length + " values like " + Arrays.toString(referenceBlocks)
                    + ", but was " + Arrays.toString(blocks));
        }
        return Arrays.stream(blocks).map(b -> Math.min(b, config.maxBlocksPerStage())).toArray();
    }
}
