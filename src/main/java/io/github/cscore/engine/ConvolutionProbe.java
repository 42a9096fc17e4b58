package io.github.cscore.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

import java.util.Random;

/**
 * Runs one convolution case on random data through a {@link Convolution} and compares the output
 * and both gradients with {@link ConvolutionReference}.
 */
final class ConvolutionProbe {

    private ConvolutionProbe() {}

    /**
     * What a convolution computed for L = sum(y * upstream).
     *
     * @param output y
     * @param inputGradient dL/dx
     * @param weightGradient dL/dw
     */
    record Result(float[] output, float[] inputGradient, float[] weightGradient) {}

    /** A convolution with its two gradients: the engine, or a stand-in in tests. */
    @FunctionalInterface
    interface Convolution {
        Result run(ConvolutionCase shape, float[] input, float[] weight, float[] bias, float[] upstream);
    }

    /** The worst of the three comparisons for one draw of data. */
    static ConvolutionFinding probe(Convolution convolution, ConvolutionCase shape, long seed) {
        // A generator of its own: the check must not consume the engine's random numbers.
        Random random = new Random(seed);
        float[] input = gaussian(random, shape.inputLength());
        float[] weight = gaussian(random, shape.weightLength());
        float[] bias = gaussian(random, shape.outChannels());
        float[] upstream = gaussian(random, shape.outputLength());
        Result engine = convolution.run(shape, input, weight, bias, upstream);
        Result reference = ConvolutionReference.compute(shape, input, weight, bias, upstream);
        return ConvolutionFinding.elementwise("convolution forward, " + shape, engine.output(), reference.output())
                .worse(ConvolutionFinding.elementwise("convolution input gradient, " + shape, engine.inputGradient(),
                        reference.inputGradient()))
                .worse(ConvolutionFinding.elementwise("convolution weight gradient, " + shape, engine.weightGradient(),
                        reference.weightGradient()));
    }

    /** The engine's own convolution, DJL's {@link Conv2d#conv2d} with autograd, in {@code manager}. */
    static Convolution engine(NDManager manager) {
        return (shape, input, weight, bias, upstream) -> {
            try (NDManager scope = manager.newSubManager()) {
                int k = shape.kernel();
                int out = shape.outSize();
                NDArray x = scope.create(input, new Shape(shape.batch(), shape.inChannels(), shape.size(), shape.size()));
                NDArray w = scope.create(weight, new Shape(shape.outChannels(), shape.inChannels(), k, k));
                NDArray up = scope.create(upstream, new Shape(shape.batch(), shape.outChannels(), out, out));
                x.setRequiresGradient(true);
                w.setRequiresGradient(true);
                float[] y;
                try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                    NDArray output = Conv2d.conv2d(x, w, scope.create(bias), new Shape(shape.stride(), shape.stride()),
                            new Shape(shape.padding(), shape.padding()), new Shape(1, 1)).singletonOrThrow();
                    y = output.toFloatArray();
                    collector.backward(output.mul(up).sum());
                }
                return new Result(y, x.getGradient().toFloatArray(), w.getGradient().toFloatArray());
            }
        };
    }

    private static float[] gaussian(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
