package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ResNet50V2 (pre-activation ResNet, He et al. 2016, arXiv:1603.05027) as Keras builds it.
 *
 * <p>Backbone children: {@code conv1} (7x7 convolution with bias, stride 2), {@code pool1_pad} and
 * {@code pool1} (zero padding, then 3x3 max pooling, stride 2), the stacks {@code conv2} to {@code
 * conv5} of residual units {@code block1}, {@code block2}, ..., then {@code post_bn} and {@code
 * post_relu}. As in Keras, a stack down-samples in its last unit (stride 2 for conv2 to conv4,
 * none for conv5) and its first unit has a 1x1 convolution shortcut; a down-sampling identity
 * shortcut is a 1x1 max pooling with stride 2. Every unit is pre-activation: BatchNorm and ReLU,
 * then 1x1, 3x3 and 1x1 convolutions (the first two without bias), added to the shortcut.
 */
final class ResNet50V2 implements Topology {

    static final int[] REFERENCE_BLOCKS = {3, 4, 6, 3};
    private static final int[] BOTTLENECK = {64, 128, 256, 512};
    private static final float EPSILON = 1.001e-5f;

    /** {@inheritDoc} */
    @Override
    public NamedSequentialBlock backbone(BuildPlan plan) {
        KerasLayers layers = new KerasLayers(EPSILON, plan.momentum(), true);
        NamedSequentialBlock backbone = new NamedSequentialBlock();
        int stemStride = plan.stemDownsampling() ? 2 : 1;
        backbone.add("conv1", layers.conv(plan.channels(64), 7, 7, stemStride, 3, 3, true));
        if (plan.stemDownsampling()) {
            // Keras pads with zeros before pooling, and the stem output is not yet activated:
            // DJL's pooling padding (negative infinity) would give different maxima at the border.
            backbone.add("pool1_pad", layers.zeroPad(1));
            backbone.add("pool1", layers.maxPool(3, 2, 0));
        }
        for (int stage = 0; stage < 4; stage++) {
            int stride = stage < 3 ? 2 : 1;
            backbone.add("conv" + (stage + 2), stack(layers, plan.channels(BOTTLENECK[stage]),
                    plan.blocks(stage), stride));
        }
        backbone.add("post_bn", layers.batchNorm());
        backbone.add("post_relu", layers.relu());
        return backbone;
    }

    /** A stack of residual units; the last one carries the stride. */
    private static NamedSequentialBlock stack(KerasLayers layers, int filters, int units, int stride) {
        NamedSequentialBlock stack = new NamedSequentialBlock();
        stack.add("block1", projectionUnit(layers, filters, units == 1 ? stride : 1));
        for (int i = 2; i <= units; i++) {
            stack.add("block" + i, identityUnit(layers, filters, i == units ? stride : 1));
        }
        return stack;
    }

    /** The first unit of a stack: the shortcut is a 1x1 convolution of the pre-activation. */
    private static Block projectionUnit(KerasLayers layers, int filters, int stride) {
        return new NamedSequentialBlock()
                .add("preact_bn", layers.batchNorm())
                .add("preact_relu", layers.relu())
                .add("sum", new Branches(Branches.Join.SUM)
                        .add("shortcut", layers.conv(4 * filters, 1, 1, stride, 0, 0, true))
                        .add("residual", bottleneck(new NamedSequentialBlock(), layers, filters, stride)));
    }

    /** A later unit: the shortcut is the unit's input, max-pooled 1x1 when the unit strides. */
    private static Block identityUnit(KerasLayers layers, int filters, int stride) {
        NamedSequentialBlock residual = new NamedSequentialBlock()
                .add("preact_bn", layers.batchNorm())
                .add("preact_relu", layers.relu());
        bottleneck(residual, layers, filters, stride);
        Block shortcut = stride == 1 ? Branches.identity() : layers.maxPool(1, stride, 0);
        return new Branches(Branches.Join.SUM).add("shortcut", shortcut).add("residual", residual);
    }

    /** 1x1 (no bias), 3x3 with the stride (no bias), 1x1 to four times the filters (with bias). */
    private static NamedSequentialBlock bottleneck(
            NamedSequentialBlock into, KerasLayers layers, int filters, int stride) {
        return into
                .add("conv1", layers.conv(filters, 1, 1, 1, 0, 0, false))
                .add("bn1", layers.batchNorm())
                .add("relu1", layers.relu())
                .add("conv2", layers.conv(filters, 3, 3, stride, 1, 1, false))
                .add("bn2", layers.batchNorm())
                .add("relu2", layers.relu())
                .add("conv3", layers.conv(4 * filters, 1, 1, 1, 0, 0, true));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Primary: {@code backbone/post_relu}. Multi-scale adds the last feature map at twice that
     * resolution: the output of the second-to-last unit of {@code conv4} (Keras {@code
     * conv4_block5_out}; {@code conv4_block6_out} is already at the final resolution because the
     * stack strides in its last unit), or {@code conv3} when conv4 has a single unit.
     */
    @Override
    public CamTaps camTaps(BuildPlan plan) {
        String primary = "backbone/post_relu";
        int units = plan.blocks(2);
        String finer = units >= 2 ? "backbone/conv4/block" + (units - 1) : "backbone/conv3";
        return new CamTaps(primary, List.of(finer, primary));
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Shape> tapShapes(BuildPlan plan) {
        int size = plan.inputSize();
        if (plan.stemDownsampling()) {
            size = half(half(size));
        }
        int finer = half(half(size)); // after conv2 and conv3
        int last = half(finer); // after conv4; conv5 keeps it
        CamTaps taps = camTaps(plan);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(taps.primary(), new Shape(4L * plan.channels(512), last, last));
        int finerChannels = plan.blocks(2) >= 2 ? 4 * plan.channels(256) : 4 * plan.channels(128);
        shapes.put(taps.multiScale().get(0), new Shape(finerChannels, finer, finer));
        return shapes;
    }

    /** Output size of a stride-2 layer that pads to keep ceil(size / 2). */
    private static int half(int size) {
        return (size + 1) / 2;
    }
}
