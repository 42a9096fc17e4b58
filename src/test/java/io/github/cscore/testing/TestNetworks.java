package io.github.cscore.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.NamedSequentialBlock;
import io.github.cscore.model.Network;

import java.nio.FloatBuffer;
import java.util.List;

/** Small networks for tests, built and initialised deterministically. */
public final class TestNetworks {

    private TestNetworks() {}

    /**
     * "Features -> global average pooling -> linear", where the features are the input itself
     * (two identity taps, {@code features/a} and {@code features/b}), so every CAM has a closed
     * form in terms of the input and the linear weights.
     *
     * @param manager the manager holding the parameters
     * @param channels input channels (= feature channels)
     * @param height input height
     * @param width input width
     * @param weights linear weights, row-major (classes x channels)
     * @param bias one bias per class
     * @return the initialised network
     */
    public static Network gapLinear(
            NDManager manager, int channels, int height, int width, float[] weights, float[] bias) {
        int classes = bias.length;
        NamedSequentialBlock features = new NamedSequentialBlock()
                .add("a", Blocks.identityBlock())
                .add("b", Blocks.identityBlock());
        Linear linear = Linear.builder().setUnits(classes).build();
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("linear", linear);
        NamedSequentialBlock block = new NamedSequentialBlock().add("features", features).add("head", head);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
        linear.getParameters().get("weight").getArray().set(FloatBuffer.wrap(weights));
        linear.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
        CamTaps taps = new CamTaps("features/b", List.of("features/a", "features/b"));
        return new Network("gap-linear", block, features, head, new Shape(channels, height, width), classes, taps);
    }

    /**
     * A small CNN with batch normalisation and dropout: stem (8 channels), stage1 (16, stride 2),
     * stage2 (32, stride 2), then pooling, dropout and a linear classifier.
     *
     * @param manager the manager holding the parameters
     * @param inputSize height and width of the 3-channel input
     * @param classes number of classes
     * @param seed the seed of the parameter initialisation
     * @return the initialised network; CAM taps {@code backbone/stage2} and {@code backbone/stage1}
     */
    public static Network smallCnn(NDManager manager, int inputSize, int classes, int seed) {
        NamedSequentialBlock backbone = new NamedSequentialBlock()
                .add("stem", convUnit(8, 1))
                .add("stage1", convUnit(16, 2))
                .add("stage2", convUnit(32, 2));
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("dropout", Dropout.builder().optRate(0.5f).build())
                .add("linear", Linear.builder().setUnits(classes).build());
        NamedSequentialBlock block = new NamedSequentialBlock().add("backbone", backbone).add("head", head);
        Engine.getInstance().setRandomSeed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
        CamTaps taps = new CamTaps("backbone/stage2", List.of("backbone/stage1", "backbone/stage2"));
        return new Network("small-cnn", block, backbone, head, new Shape(3, inputSize, inputSize), classes, taps);
    }

    private static Block convUnit(int filters, int stride) {
        return new NamedSequentialBlock()
                .add("conv", Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(filters)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build())
                .add("bn", BatchNorm.builder().build())
                .add("relu", Activation.reluBlock());
    }
}
