package io.github.cscore.engine;

/**
 * The shape of one 2-D convolution probe: square images and kernels, no dilation, no groups.
 *
 * @param batch images in the batch
 * @param inChannels input channels
 * @param outChannels output channels
 * @param size input height and width
 * @param kernel kernel height and width
 * @param padding zero padding on every side
 * @param stride stride in both directions
 */
record ConvolutionCase(int batch, int inChannels, int outChannels, int size, int kernel, int padding, int stride) {

    /** Output height and width. */
    int outSize() {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    int inputLength() {
        return batch * inChannels * size * size;
    }

    int weightLength() {
        return outChannels * inChannels * kernel * kernel;
    }

    int outputLength() {
        return batch * outChannels * outSize() * outSize();
    }

    @Override
    public String toString() {
        return String.format("batch %d, %d->%d channels, %dx%d input, %dx%d kernel, padding %d, stride %d",
                batch, inChannels, outChannels, size, size, kernel, kernel, padding, stride);
    }
}
