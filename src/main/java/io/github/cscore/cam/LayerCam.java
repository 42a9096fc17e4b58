package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

import java.util.List;

/**
 * LayerCAM (Jiang et al., IEEE TIP 2021): L = sum_k ReLU(g_k) * A_k, element-wise, so every
 * position keeps its own weight instead of a spatially pooled one.
 */
public final class LayerCam implements CamTechnique {

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.LAYER_CAM;
    }

    /** {@inheritDoc} */
    @Override
    public List<NDArray> rawMaps(CamContext context) {
        TapArrays tap = context.primary();
        return List.of(tap.gradients().maximum(0f).mul(tap.activations()).sum(new int[] {1}));
    }
}
