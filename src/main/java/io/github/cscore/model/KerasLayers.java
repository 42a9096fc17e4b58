package io.github.cscore.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * The layers the Keras application models are made of, as DJL blocks in NCHW layout, with the
 * BatchNorm settings of one architecture.
 *
 * <p>Keras' {@code padding="same"} with stride 1 and an odd kernel is a symmetric padding of half
 * the kernel, which is what {@link #conv} is given; {@code "valid"} is no padding.
 */
final class KerasLayers {

    private final float epsilon;
    private final float momentum;
    private final boolean scale;

    /**
     * Creates the layer vocabulary of one architecture.
     *
     * @param epsilon the BatchNorm epsilon (Keras: 1.001e-5 for ResNetV2 and DenseNet, 1e-3 for
     *     InceptionV3)
     * @param momentum the BatchNorm momentum
     * @param scale whether BatchNorm layers have a learned scale (false for InceptionV3)
     */
    KerasLayers(float epsilon, float momentum, boolean scale) {
        this.epsilon = epsilon;
        this.momentum = momentum;
        this.scale = scale;
    }

    /** A 2-D convolution with a square stride and an explicit symmetric padding. */
    Block conv(int filters, int kernelH, int kernelW, int stride, int padH, int padW, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernelH, kernelW))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padH, padW))
                .optBias(bias)
                .build();
    }

    /** A square convolution with stride 1 and "same" padding. */
    Block convSame(int filters, int kernel, boolean bias) {
        return conv(filters, kernel, kernel, 1, kernel / 2, kernel / 2, bias);
    }

    /** A BatchNorm layer with this architecture's settings. */
    KerasBatchNorm batchNorm() {
        return new KerasBatchNorm(scale, epsilon, momentum);
    }

    /** A ReLU activation. */
    Block relu() {
        return lambda("relu", Activation::relu, size -> size);
    }

    /** Max pooling with a square window, stride and padding (padding here is never below zero). */
    Block maxPool(int kernel, int stride, int pad) {
        Shape window = new Shape(kernel, kernel);
        Shape strides = new Shape(stride, stride);
        Shape padding = new Shape(pad, pad);
        return lambda("max_pool", x -> Pool.maxPool2d(x, window, strides, padding, false),
                size -> window(size, kernel, stride, pad));
    }

    /**
     * Average pooling; {@code countPadding} false averages over the real pixels only, as
     * TensorFlow does for {@code padding="same"}.
     */
    Block avgPool(int kernel, int stride, int pad, boolean countPadding) {
        Shape window = new Shape(kernel, kernel);
        Shape strides = new Shape(stride, stride);
        Shape padding = new Shape(pad, pad);
        return lambda("avg_pool",
                x -> Pool.avgPool2d(x, window, strides, padding, false, countPadding),
                size -> window(size, kernel, stride, pad));
    }

    /** Zero padding of every side of the spatial axes, as Keras' {@code ZeroPadding2D}. */
    Block zeroPad(int pad) {
        Shape padding = new Shape(pad, pad, pad, pad);
        return lambda("zero_pad", x -> x.pad(padding, 0), size -> size + 2L * pad);
    }

    /**
     * A parameter-free layer whose output height and width follow {@code size} from the input's:
     * DJL's {@code LambdaBlock} would find the output shape by running the function on an array of
     * zeros, once per enclosing block, which makes initialising the reference-size networks slow.
     */
    private static Block lambda(
            String name, Function<NDArray, NDArray> function, LongUnaryOperator size) {
        return new LambdaBlock(x -> new NDList(function.apply(x.singletonOrThrow())), name) {
            @Override
            public Shape[] getOutputShapes(Shape[] inputShapes) {
                Shape in = inputShapes[0];
                return new Shape[] {
                    new Shape(in.get(0), in.get(1), size.applyAsLong(in.get(2)),
                            size.applyAsLong(in.get(3)))
                };
            }
        };
    }

    /** Output length of a window sliding over {@code size} (floor rounding). */
    static long window(long size, int kernel, int stride, int pad) {
        return (size + 2L * pad - kernel) / stride + 1;
    }
}
