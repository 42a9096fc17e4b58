package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

/**
 * Grad-CAM++ (Chattopadhay et al., WACV 2018, arXiv:1710.11063, Eq. 19 with the exponential
 * trick): w_k = sum_ij alpha_kij ReLU(g_kij), alpha_kij = g^2 / (2 g^2 + s_k g^3), s_k = sum_ij
 * A_kij, with g the gradient of the target logit.
 *
 * <p>Computed in the algebraically equal form alpha = 1 / (2 + s_k g) for g != 0, which avoids
 * the underflow of g^2 and g^3 for small gradients and needs no epsilon. Where g = 0, or where the
 * denominator is not positive (possible only for negative activations), alpha is 0. No per-channel
 * alpha normalisation, as in the first-order form of the common Python library.
 */
public final class GradCamPlusPlus extends ChannelWeightedCam {

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.GRAD_CAM_PLUS_PLUS;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray channelWeights(TapArrays tap, CamContext context) {
        return weights(tap);
    }

    /** Grad-CAM++ channel weights at one tap, (N, C); shared with the multi-scale variant. */
    static NDArray weights(TapArrays tap) {
        NDArray g = tap.gradients();
        NDArray channelSums = tap.activations().sum(new int[] {2, 3}, true);
        NDArray denominator = channelSums.mul(g).add(2f);
        NDArray usable = g.neq(0f).logicalAnd(denominator.gt(0f));
        NDArray alpha = usable.toType(g.getDataType(), false).div(denominator.maximum(1e-30f));
        return alpha.mul(g.maximum(0f)).sum(new int[] {2, 3});
    }
}
