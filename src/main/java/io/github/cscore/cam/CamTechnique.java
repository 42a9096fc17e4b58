package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;

import io.github.cscore.result.Technique;

import java.util.List;

/**
 * One Class Activation Mapping technique: how raw maps are formed from what a pass saw at the
 * taps.
 *
 * <p>Everything after the raw map is shared and done once by {@link CamExplainer}: ReLU, bilinear
 * upsampling to the input size, min-max scaling, the flat-map flag, and, when a technique returns
 * several maps (one per tap), their fusion by the mean of the scaled maps followed by a second
 * min-max.
 */
public interface CamTechnique {

    /**
     * Returns which technique this is.
     *
     * @return the technique
     */
    Technique technique();

    /**
     * Computes the raw maps for every image in the context.
     *
     * @param context the activations, gradients and inputs of the images to explain
     * @return one array of shape (N, h, w) per tap, at that tap's resolution, before ReLU
     */
    List<NDArray> rawMaps(CamContext context);

    /**
     * Tells whether this technique reads the gradients at the taps, so that the shared pass must
     * include a backward step.
     *
     * @return true unless overridden: most techniques are gradient-based
     */
    default boolean needsGradients() {
        return true;
    }

    /**
     * Tells whether this technique reads the multi-scale taps ({@link CamContext#multiScale()}), so
     * that the pass must record them too.
     *
     * @return false unless overridden
     */
    default boolean usesMultiScaleTaps() {
        return false;
    }

    /**
     * Tells whether a checkpoint should explain every image of its sample with this technique, or
     * only the gold lists it scores. Maps of every image let the monitor measure how explanations
     * drift even for a class that left its gold list; a technique whose cost grows with every image
     * explained (Score-CAM's masked forwards) says no, and its drift is measured on gold images.
     *
     * @return true unless overridden
     */
    default boolean explainsEverySampleImage() {
        return true;
    }
}
