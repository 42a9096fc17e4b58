package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;

import java.util.Map;

/** What each architecture's builder supplies: the backbone, its CAM taps and their shapes. */
interface Topology {

    /** Builds the backbone: the feature extractor up to the last spatial feature map. */
    NamedSequentialBlock backbone(BuildPlan plan);

    /** The CAM taps, as paths from the network's root block. */
    CamTaps camTaps(BuildPlan plan);

    /**
     * The expected output shape (channels, height, width) of every tap, computed from the plan
     * alone (no block is built), primary tap first.
     */
    Map<String, Shape> tapShapes(BuildPlan plan);
}
