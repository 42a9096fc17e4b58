package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.cscore.engine.ConvolutionProbe.Result;

import org.junit.jupiter.api.Test;

/** The oracle itself, on cases small enough to work out by hand. */
class ConvolutionReferenceTest {

    // One image, one channel, 3x3 input x = [1 2 3; 4 5 6; 7 8 9], 2x2 kernel w = [1 0; 0 -1],
    // no padding, stride 1: y[i,j] = x[i,j] - x[i+1,j+1] + b.
    private static final ConvolutionCase TWO_BY_TWO = new ConvolutionCase(1, 1, 1, 3, 2, 0, 1);
    private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final float[] W = {1, 0, 0, -1};
    private static final float[] ONES = {1, 1, 1, 1};

    @Test
    void forwardSlidesTheKernelAndAddsTheBias() {
        // every y = x[i,j] - x[i+1,j+1] = -4, plus the bias 0.5
        float[] y = ConvolutionReference.compute(TWO_BY_TWO, X, W, new float[] {0.5f}, ONES).output();

        assertArrayEquals(new float[] {-3.5f, -3.5f, -3.5f, -3.5f}, y);
    }

    @Test
    void inputGradientSpreadsEachKernelWeightOverTheWindowsThatSawThePixel() {
        // w[0,0] = 1 lands on x[0..1, 0..1]; w[1,1] = -1 on x[1..2, 1..2]
        float[] dx = ConvolutionReference.compute(TWO_BY_TWO, X, W, new float[] {0}, ONES).inputGradient();

        assertArrayEquals(new float[] {1, 1, 0, 1, 0, -1, 0, -1, -1}, dx);
    }

    @Test
    void weightGradientSumsTheInputUnderEachKernelPosition() {
        // dw[u,v] = sum of the 2x2 block of x starting at (u, v): 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
        float[] dw = ConvolutionReference.compute(TWO_BY_TWO, X, W, new float[] {0}, ONES).weightGradient();

        assertArrayEquals(new float[] {12, 16, 24, 28}, dw);
    }

    @Test
    void paddingAndStrideFollowTheDefinition() {
        // 1x1 kernel of weight 2, stride 2, padding 1 on a 2x2 input: output 2x2 reads x at
        // (-1,-1), (-1,1), (1,-1), (1,1); only (1,1) = 4 lies inside.
        ConvolutionCase strided = new ConvolutionCase(1, 1, 1, 2, 1, 1, 2);

        Result result = ConvolutionReference.compute(strided, new float[] {1, 2, 3, 4}, new float[] {2},
                new float[] {0}, new float[] {1, 1, 1, 1});

        assertArrayEquals(new float[] {0, 0, 0, 8}, result.output());
        assertArrayEquals(new float[] {0, 0, 0, 2}, result.inputGradient()); // only x(1,1) was read, by w = 2
        assertArrayEquals(new float[] {4}, result.weightGradient()); // the one input value read
    }

    @Test
    void imagesAndChannelsKeepTheirOwnPlaces() {
        // two images, two input channels, one output channel, 1x1 input and kernel w = [1, 10]:
        // y[n] = x[n,0] + 10 x[n,1]
        ConvolutionCase pointwise = new ConvolutionCase(2, 2, 1, 1, 1, 0, 1);

        float[] y = ConvolutionReference.compute(pointwise, new float[] {1, 2, 3, 4}, new float[] {1, 10},
                new float[] {0}, new float[] {1, 1}).output();

        assertArrayEquals(new float[] {21, 43}, y);
    }
}
