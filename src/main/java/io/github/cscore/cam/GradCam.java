package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017, arXiv:1610.02391): w_k = mean over (i, j) of
 * dy/dA_kij, the global-average-pooled gradient of the target logit.
 */
public final class GradCam extends ChannelWeightedCam {

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.GRAD_CAM;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray channelWeights(TapArrays tap, CamContext context) {
        // The PyTorch engine averages over one axis at a time.
        return tap.gradients().mean(new int[] {3}).mean(new int[] {2});
    }
}
