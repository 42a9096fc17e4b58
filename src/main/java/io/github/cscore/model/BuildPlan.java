package io.github.cscore.model;

/**
 * A {@link NetworkConfig} resolved against one architecture: every default replaced by the
 * architecture's reference value and the depth cap applied.
 *
 * @param config the configuration as given
 * @param inputSize the input height and width
 * @param blocks the repeated units of each stage, cap applied
 */
record BuildPlan(NetworkConfig config, int inputSize, int[] blocks) {

    /** The scaled channel count of a reference channel count. */
    int channels(int referenceChannels) {
        return config.channels(referenceChannels);
    }

    /** The number of repeated units of one stage. */
    int blocks(int stage) {
        return blocks[stage];
    }

    /** Tells whether the stem down-samples. */
    boolean stemDownsampling() {
        return config.stemDownsampling();
    }

    /** The number of output logits. */
    int numClasses() {
        return config.numClasses();
    }

    /** The BatchNorm momentum. */
    float momentum() {
        return config.batchNormMomentum();
    }
}
