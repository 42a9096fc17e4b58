package io.github.cscore.monitor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.CamPass;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Technique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Explains the fixed example images after a checkpoint was scored, for a person to look at across
 * epochs. A pass of its own, after the scores: the examples never change a score or a technique's
 * recorded time (the time budget charges each technique's example maps to that technique), and
 * only techniques that scored at this checkpoint are asked (a technique skipped for its budget or
 * its breaker is not run again unguarded).
 */
final class ExampleRecorder {

    /** The name the example sink's failures are counted under, beside the sinks'. */
    static final String SINK_NAME = "example-maps";

    private final ValidationSample sample;
    private final int[] positions;
    private final List<ExampleImage> images;
    private final Consumer<ExampleMaps> sink;
    private final int batchSize;

    private ExampleRecorder(ValidationSample sample, int[] positions, Consumer<ExampleMaps> sink, int batchSize) {
        this.sample = sample;
        this.positions = positions;
        this.sink = sink;
        this.batchSize = batchSize;
        this.images = images(sample, positions);
    }

    /**
     * The first {@code perClass} sample images of each class, class by class: the sample is a
     * seeded random draw, so these are random too, and the same at every checkpoint.
     */
    static ExampleRecorder of(ValidationSample sample, int perClass, Consumer<ExampleMaps> sink, int batchSize) {
        int[] labels = sample.labels();
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < sample.classNames().size(); c++) {
            int taken = 0;
            for (int position = 0; position < labels.length && taken < perClass; position++) {
                if (labels[position] == c) {
                    chosen.add(position);
                    taken++;
                }
            }
        }
        return new ExampleRecorder(sample, chosen.stream().mapToInt(Integer::intValue).toArray(), sink, batchSize);
    }

    private static List<ExampleImage> images(ValidationSample sample, int[] positions) {
        int height = (int) sample.imageShape().get(1);
        int width = (int) sample.imageShape().get(2);
        int[] labels = sample.labels();
        int[] datasetIndices = sample.datasetIndices();
        List<ExampleImage> images = new ArrayList<>();
        for (int position : positions) {
            int label = labels[position];
            images.add(new ExampleImage(ExampleImage.idOf(label, datasetIndices[position]), datasetIndices[position],
                    label, sample.classNames().get(label), height, width,
                    ExampleImage.grayscaleOf(sample.imagesAt(new int[] {position}), height, width)));
        }
        return images;
    }

    /** The fixed images, class by class. */
    List<ExampleImage> images() {
        return images;
    }

    /**
     * Explains the examples with the model as it is now and hands the maps to the sink.
     *
     * @return what each technique's maps of the examples took, in seconds, for the time budget to
     *     charge to the technique
     */
    Map<Technique, Double> record(CamExplainer explainer, NDManager parent, CheckpointResult result) {
        Map<Technique, Double> seconds = new TreeMap<>();
        sink.accept(explain(explainer, parent, result, seconds));
        return seconds;
    }

    ExampleMaps explain(CamExplainer explainer, NDManager parent, CheckpointResult result) {
        return explain(explainer, parent, result, new TreeMap<>());
    }

    /**
     * The techniques asked for maps: those scored here; one that explains only gold images, only
     * where a gold list holds any, since where it explained nothing its examples would cost a
     * costly technique's full price for images nobody scored.
     */
    private static List<Technique> asked(CamExplainer explainer, CheckpointResult result) {
        boolean anyGold = result.classes().stream().anyMatch(cls -> cls.goldSize() > 0);
        return explainer.techniques().stream()
                .filter(technique -> result.techniques().containsKey(technique)
                        && result.technique(technique).isScored()
                        && (anyGold || explainer.explainsEverySampleImage(technique)))
                .toList();
    }

    private ExampleMaps explain(CamExplainer explainer, NDManager parent, CheckpointResult result,
            Map<Technique, Double> seconds) {
        List<Technique> scored = asked(explainer, result);
        Map<Technique, List<float[]>> maps = new TreeMap<>();
        if (scored.isEmpty()) {
            // Nothing to ask for; and where the engine was refused, a pass could itself fail or crash.
            return new ExampleMaps(result.run(), result.model(), result.epoch(), result.phase(), images, maps);
        }
        scored.forEach(technique -> maps.put(technique, new ArrayList<>()));
        int[] labels = sample.labels();
        for (int from = 0; from < positions.length; from += batchSize) {
            int[] batch = Arrays.copyOfRange(positions, from, Math.min(from + batchSize, positions.length));
            try (NDManager scope = parent.newSubManager()) {
                NDArray input = scope.create(sample.imagesAt(batch), new Shape(batch.length).addAll(sample.imageShape()));
                int[] targets = Arrays.stream(batch).map(position -> labels[position]).toArray();
                try (CamPass pass = explainer.run(input, targets)) {
                    for (Technique technique : scored) {
                        long start = System.nanoTime();
                        CamMaps batchMaps = pass.maps(technique);
                        seconds.merge(technique, (System.nanoTime() - start) / 1e9, Double::sum);
                        for (int i = 0; i < batchMaps.size(); i++) {
                            maps.get(technique).add(batchMaps.map(i));
                        }
                    }
                }
            }
        }
        return new ExampleMaps(result.run(), result.model(), result.epoch(), result.phase(), images, maps);
    }
}
