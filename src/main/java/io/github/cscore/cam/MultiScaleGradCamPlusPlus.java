package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

import java.util.List;

/**
 * MS GradCAM++: Grad-CAM++ at two or more taps of different resolution (by default the last
 * stage and the stage before it). The pipeline scales each tap's map (ReLU, upsampling, min-max),
 * takes their mean and min-maxes it again, so coarse class evidence and finer localisation count
 * equally.
 *
 * <p>No published method defines this name; this is the multi-layer fusion reading, documented in
 * {@code docs/cam-techniques.md}. All taps' gradients come from the same backward pass.
 */
public final class MultiScaleGradCamPlusPlus implements CamTechnique {

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.MS_GRAD_CAM_PLUS_PLUS;
    }

    /** It fuses every multi-scale tap. */
    @Override
    public boolean usesMultiScaleTaps() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public List<NDArray> rawMaps(CamContext context) {
        return context.multiScale().stream()
                .map(tap -> ChannelWeightedCam.weightedSum(GradCamPlusPlus.weights(tap), tap.activations()))
                .toList();
    }
}
