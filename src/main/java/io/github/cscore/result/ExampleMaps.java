package io.github.cscore.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The maps of the fixed example images at one checkpoint, one per image and scored technique, each
 * explaining the image's true class. Handed to the example sink of a monitor built with example
 * images ({@code CScoreMonitorBuilder.optExampleImages}); the images are the same at every checkpoint of a run.
 *
 * @param run the run name
 * @param model the model name
 * @param epoch the checkpoint's epoch
 * @param phase the training phase at the checkpoint
 * @param images the fixed images, class by class (sample order within a class)
 * @param maps per technique scored at this checkpoint (one that explains only gold images, such as
 *     Score-CAM, only where a gold list holds an image), one map per image in the order of {@code
 *     images}: {@code height * width} values in [0, 1], row-major, all zeros if flat
 */
public record ExampleMaps(
        String run, String model, int epoch, Phase phase, List<ExampleImage> images, Map<Technique, List<float[]>> maps) {

    /**
     * Checks and copies the components.
     *
     * @param run the run name, not null
     * @param model the model name, not null
     * @param epoch the checkpoint's epoch
     * @param phase the training phase, not null
     * @param images the fixed images; copied
     * @param maps per technique, one map per image; copied into technique order
     * @throws IllegalArgumentException if a technique has not one map per image
     */
    public ExampleMaps {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(phase, "phase");
        images = List.copyOf(images);
        TreeMap<Technique, List<float[]>> copy = new TreeMap<>();
        for (Map.Entry<Technique, List<float[]>> entry : maps.entrySet()) {
            if (entry.getValue().size() != images.size()) {
                throw new IllegalArgumentException(entry.getKey().label() + " has " + entry.getValue().size()
                        + " maps for " + images.size() + " images");
            }
            copy.put(entry.getKey(), List.copyOf(entry.getValue()));
        }
        maps = Collections.unmodifiableMap(copy);
    }
}
