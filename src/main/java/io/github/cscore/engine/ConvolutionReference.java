package io.github.cscore.engine;

import io.github.cscore.engine.ConvolutionProbe.Result;

/**
 * A convolution, its input gradient and its weight gradient for L = sum(y * upstream), computed
 * straight from the definition y[n,o,i,j] = b[o] + sum over (c, u, v) of w[o,c,u,v]
 * x[n,c,i*s-p+u, j*s-p+v] in double precision: the oracle the engine is checked against. Arrays
 * are row-major NCHW / OIHW.
 */
final class ConvolutionReference {

    private ConvolutionReference() {}

    /** All three in one sweep over the terms of the convolution sum. */
    static Result compute(ConvolutionCase shape, float[] input, float[] weight, float[] bias, float[] upstream) {
        double[] output = new double[shape.outputLength()];
        double[] inputGradient = new double[shape.inputLength()];
        double[] weightGradient = new double[shape.weightLength()];
        int size = shape.size();
        int kernel = shape.kernel();
        int out = shape.outSize();
        for (int n = 0; n < shape.batch(); n++) {
            for (int o = 0; o < shape.outChannels(); o++) {
                int y0 = (n * shape.outChannels() + o) * out * out;
                for (int c = 0; c < shape.inChannels(); c++) {
                    int x0 = (n * shape.inChannels() + c) * size * size;
                    for (int k = 0; k < kernel * kernel; k++) {
                        int w = (o * shape.inChannels() + c) * kernel * kernel + k;
                        for (int i = 0; i < out; i++) {
                            int row = i * shape.stride() - shape.padding() + k / kernel;
                            for (int j = 0; j < out && row >= 0 && row < size; j++) {
                                int column = j * shape.stride() - shape.padding() + k % kernel;
                                if (column >= 0 && column < size) {
                                    int x = x0 + row * size + column;
                                    int y = y0 + i * out + j;
                                    output[y] += (double) input[x] * weight[w];
                                    inputGradient[x] += (double) weight[w] * upstream[y];
                                    weightGradient[w] += (double) input[x] * upstream[y];
                                }
                            }
                        }
                    }
                }
            }
        }
        int area = out * out;
        for (int y = 0; y < output.length; y++) {
            output[y] += bias[(y / area) % shape.outChannels()];
        }
        return new Result(toFloat(output), toFloat(inputGradient), toFloat(weightGradient));
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }
}
