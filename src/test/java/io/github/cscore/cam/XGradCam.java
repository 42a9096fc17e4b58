package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

/**
 * XGrad-CAM (Fu et al., BMVC 2020, arXiv:2008.02312), written as a user would add a seventh
 * technique: this one file, with no change anywhere else. w_k = sum_ij (A_kij / sum_ij A_kij)
 * dy/dA_kij.
 */
public final class XGradCam extends ChannelWeightedCam {

    /** The technique's identity, defined once, here. */
    public static final Technique TECHNIQUE = Technique.of("xgradcam", "XGrad-CAM");

    private static final float EPSILON = 1e-7f;

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return TECHNIQUE;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray channelWeights(TapArrays tap, CamContext context) {
        NDArray activations = tap.activations();
        NDArray sums = activations.sum(new int[] {3}, true).sum(new int[] {2}, true).add(EPSILON);
        return activations.div(sums).mul(tap.gradients()).sum(new int[] {3}).sum(new int[] {2});
    }
}
