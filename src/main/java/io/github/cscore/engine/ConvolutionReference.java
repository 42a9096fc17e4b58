package io.github.cscore.engine;

/**
 * A convolution, its input gradient and its weight gradient computed straight from the
 * definition y[n,o,i,j] = b[o] + sum over (c, u, v) of w[o,c,u,v] x[n,c,i*s-p+u, j*s-p+v], in
 * double precision: the oracle the engine is checked against. Arrays are row-major NCHW / OIHW.
 */
final class ConvolutionReference {

    private ConvolutionReference() {}

    /** Receives the flat indices of one term x * w -> y of the convolution sum. */
    @FunctionalInterface
    private interface Term {
        void accept(int input, int weight, int output);
    }

    static float[] forward(ConvolutionCase shape, float[] input, float[] weight, float[] bias) {
        double[] output = new double[shape.outputLength()];
        int outArea = shape.outSize() * shape.outSize();
        for (int index = 0; index < output.length; index++) {
            output[index] = bias[(index / outArea) % shape.outChannels()];
        }
        eachTerm(shape, (x, w, y) -> output[y] += (double) input[x] * weight[w]);
        return toFloat(output);
    }

    /** dL/dx for L = sum(y * upstream). */
    static float[] inputGradient(ConvolutionCase shape, float[] weight, float[] upstream) {
        double[] gradient = new double[shape.inputLength()];
        eachTerm(shape, (x, w, y) -> gradient[x] += (double) weight[w] * upstream[y]);
        return toFloat(gradient);
    }

    /** dL/dw for L = sum(y * upstream). */
    static float[] weightGradient(ConvolutionCase shape, float[] input, float[] upstream) {
        double[] gradient = new double[shape.weightLength()];
        eachTerm(shape, (x, w, y) -> gradient[w] += (double) input[x] * upstream[y]);
        return toFloat(gradient);
    }

    private static void eachTerm(ConvolutionCase shape, Term term) {
        int size = shape.size();
        int kernel = shape.kernel();
        int out = shape.outSize();
        for (int n = 0; n < shape.batch(); n++) {
            for (int o = 0; o < shape.outChannels(); o++) {
                for (int c = 0; c < shape.inChannels(); c++) {
                    for (int u = 0; u < kernel; u++) {
                        for (int v = 0; v < kernel; v++) {
                            int w = ((o * shape.inChannels() + c) * kernel + u) * kernel + v;
                            for (int i = 0; i < out; i++) {
                                int row = i * shape.stride() - shape.padding() + u;
                                for (int j = 0; j < out; j++) {
                                    int column = j * shape.stride() - shape.padding() + v;
                                    if (row >= 0 && row < size && column >= 0 && column < size) {
                                        term.accept(((n * shape.inChannels() + c) * size + row) * size + column, w,
                                                ((n * shape.outChannels() + o) * out + i) * out + j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }
}
