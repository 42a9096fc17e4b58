package io.github.cscore.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import io.github.cscore.model.NamedSequentialBlock;
import io.github.cscore.model.TappedModel;

import java.nio.FloatBuffer;

/**
 * A network whose images leak into each other inside a batch, the way the faulty engine's batched
 * convolutions behave: its first layer adds three times the batch mean to every image. Run as a
 * batch, image i's outputs depend on the other images; run one image at a time, they do not.
 */
final class MixingNetwork {

    static final int CHANNELS = 2;
    static final int SIZE = 4;

    private MixingNetwork() {}

    /** Taps {@code features/mix} and {@code features/relu}; 2 classes; input (2, 4, 4). */
    static TappedModel tapped(NDManager manager, boolean oneImageAtATime) {
        NamedSequentialBlock features = new NamedSequentialBlock()
                .add("mix", LambdaBlock.singleton(MixingNetwork::addBatchMean))
                .add("relu", Activation.reluBlock());
        Linear linear = Linear.builder().setUnits(2).build();
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("linear", linear);
        NamedSequentialBlock block = new NamedSequentialBlock().add("features", features).add("head", head);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, CHANNELS, SIZE, SIZE));
        linear.getParameters().get("weight").getArray().set(FloatBuffer.wrap(new float[] {1, -1, -2, 3}));
        linear.getParameters().get("bias").getArray().set(FloatBuffer.wrap(new float[] {0, 0}));
        return TappedModel.builder().setBlock(block).optOneImageAtATime(oneImageAtATime)
                .addTap("features/mix").addTap("features/relu").build();
    }

    private static NDArray addBatchMean(NDArray x) {
        return x.add(x.mean(new int[] {0}, true).mul(3));
    }
}
