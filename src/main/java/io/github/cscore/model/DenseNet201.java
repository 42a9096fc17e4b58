package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DenseNet201 (Huang et al. 2017, arXiv:1608.06993) as Keras builds it: growth rate 32,
 * compression 0.5, dense blocks of {6, 12, 48, 32} layers.
 *
 * <p>Backbone children: {@code conv1} (7x7 convolution without bias, stride 2, BatchNorm, ReLU),
 * {@code pool1} (3x3 max pooling, stride 2), dense blocks {@code conv2} to {@code conv5} of layers
 * {@code block1}, {@code block2}, ..., transitions {@code pool2} to {@code pool4} between them, then
 * {@code bn} and {@code relu}. A dense layer is BatchNorm, ReLU, 1x1 convolution to four times the
 * growth rate, BatchNorm, ReLU, 3x3 convolution to the growth rate (no biases), concatenated to its
 * input. A transition is BatchNorm, ReLU, 1x1 convolution to half the channels (rounded down) and
 * 2x2 average pooling.
 */
final class DenseNet201 implements Topology {

    static final int[] REFERENCE_BLOCKS = {6, 12, 48, 32};
    private static final float EPSILON = 1.001e-5f;

    /** {@inheritDoc} */
    @Override
    public NamedSequentialBlock backbone(BuildPlan plan) {
        KerasLayers layers = new KerasLayers(EPSILON, plan.momentum(), true);
        int growth = plan.channels(32);
        int channels = plan.channels(64);
        NamedSequentialBlock backbone = new NamedSequentialBlock();
        backbone.add("conv1", new NamedSequentialBlock()
                .add("conv", layers.conv(channels, 7, 7, plan.stemDownsampling() ? 2 : 1, 3, 3, false))
                .add("bn", layers.batchNorm())
                .add("relu", layers.relu()));
        if (plan.stemDownsampling()) {
            // The input is a ReLU output (>= 0), so DJL's padding equals Keras' zero padding here.
            backbone.add("pool1", layers.maxPool(3, 2, 1));
        }
        for (int stage = 0; stage < 4; stage++) {
            backbone.add("conv" + (stage + 2), denseBlock(layers, plan.blocks(stage), growth));
            channels += plan.blocks(stage) * growth;
            if (stage < 3) {
                channels = channels / 2;
                backbone.add("pool" + (stage + 2), transition(layers, channels));
            }
        }
        backbone.add("bn", layers.batchNorm());
        backbone.add("relu", layers.relu());
        return backbone;
    }

    private static NamedSequentialBlock denseBlock(KerasLayers layers, int count, int growth) {
        NamedSequentialBlock block = new NamedSequentialBlock();
        for (int i = 1; i <= count; i++) {
            block.add("block" + i, denseLayer(layers, growth));
        }
        return block;
    }

    private static Block denseLayer(KerasLayers layers, int growth) {
        NamedSequentialBlock layer = new NamedSequentialBlock()
                .add("bn0", layers.batchNorm())
                .add("relu0", layers.relu())
                .add("conv1", layers.conv(4 * growth, 1, 1, 1, 0, 0, false))
                .add("bn1", layers.batchNorm())
                .add("relu1", layers.relu())
                .add("conv2", layers.convSame(growth, 3, false));
        return new Branches(Branches.Join.CONCAT).add("input", Branches.identity()).add("new", layer);
    }

    private static NamedSequentialBlock transition(KerasLayers layers, int outChannels) {
        return new NamedSequentialBlock()
                .add("bn", layers.batchNorm())
                .add("relu", layers.relu())
                .add("conv", layers.conv(outChannels, 1, 1, 1, 0, 0, false))
                .add("pool", layers.avgPool(2, 2, 0, true));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Primary: {@code backbone/relu} (Keras {@code relu}, after the final BatchNorm).
     * Multi-scale adds {@code backbone/pool4/relu} (Keras {@code pool4_relu}): the activated output
     * of the last dense block at twice the final resolution.
     */
    @Override
    public CamTaps camTaps(BuildPlan plan) {
        String primary = "backbone/relu";
        return new CamTaps(primary, List.of("backbone/pool4/relu", primary));
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Shape> tapShapes(BuildPlan plan) {
        int size = plan.inputSize();
        if (plan.stemDownsampling()) {
            size = (size + 1) / 2;
            size = (size + 1) / 2;
        }
        int growth = plan.channels(32);
        int channels = plan.channels(64);
        for (int stage = 0; stage < 2; stage++) { // conv2 + pool2, conv3 + pool3
            channels = (channels + plan.blocks(stage) * growth) / 2;
            size = size / 2;
        }
        // size is now the resolution of conv4 and pool4/relu; channels those entering conv4.
        int finerChannels = channels + plan.blocks(2) * growth;
        int lastChannels = finerChannels / 2 + plan.blocks(3) * growth;
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("backbone/relu", new Shape(lastChannels, size / 2, size / 2));
        shapes.put("backbone/pool4/relu", new Shape(finerChannels, size, size));
        return shapes;
    }
}
