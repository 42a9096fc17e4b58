package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Base of the techniques whose map is a weighted sum of the activation channels at the primary
 * tap: L = sum_k w_k A_k. A subclass only says how the weights w are formed.
 */
public abstract class ChannelWeightedCam implements CamTechnique {

    /** Creates the technique. */
    protected ChannelWeightedCam() {}

    /**
     * Computes the channel weights for every image.
     *
     * @param tap the primary tap
     * @param context the whole context, for techniques that need more than the tap
     * @return the weights, (N, C)
     */
    protected abstract NDArray channelWeights(TapArrays tap, CamContext context);

    /** {@inheritDoc} */
    @Override
    public final List<NDArray> rawMaps(CamContext context) {
        TapArrays tap = context.primary();
        return List.of(weightedSum(channelWeights(tap, context), tap.activations()));
    }

    /**
     * Sums activation channels with per-image channel weights.
     *
     * @param weights (N, C)
     * @param activations (N, C, h, w)
     * @return sum_k w_k A_k, (N, h, w)
     */
    static NDArray weightedSum(NDArray weights, NDArray activations) {
        return activations.mul(weights.expandDims(2).expandDims(3)).sum(new int[] {1});
    }
}
