package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.timeline.ExampleMapsWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A bench command for the cost of example maps at a checkpoint: the demo's network (ResNet50V2 at
 * 64x64, width 0.25), 16 sample images per class, the five default techniques, 2 example images
 * per class. Each repetition scores one checkpoint without examples and one with them (writing
 * the maps with an {@link ExampleMapsWriter}), on the same model, so drift of the shared machine
 * cancels in the per-repetition difference. Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.ExampleMapsCost
 * </pre>
 */
public final class ExampleMapsCost {

    private static final int REPETITIONS = 7;
    private static final int SIZE = 64;

    private ExampleMapsCost() {}

    /**
     * Runs the measurement and prints the figures.
     *
     * @param args ignored
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(3);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        Path folder = Files.createTempDirectory("example-maps-cost");
        ExampleMapsWriter writer = ExampleMapsWriter.create(folder);
        List<ExampleMaps> kept = new ArrayList<>();
        CScoreMonitor plain = monitor(network).build();
        CScoreMonitor withExamples = monitor(network).optExampleImages(2, maps -> {
            kept.add(maps);
            writer.accept(maps);
        }).build();
        double[] without = new double[REPETITIONS];
        double[] with = new double[REPETITIONS];
        try (Model model = Model.newInstance("cost")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                plain.checkpoint(trainer);
                withExamples.checkpoint(trainer);
                for (int r = 0; r < REPETITIONS; r++) {
                    without[r] = seconds(() -> plain.checkpoint(trainer));
                    with[r] = seconds(() -> withExamples.checkpoint(trainer));
                }
            }
        }
        double[] extra = new double[REPETITIONS];
        for (int r = 0; r < REPETITIONS; r++) {
            extra[r] = with[r] - without[r];
        }
        System.out.printf("checkpoint without examples: median %.3f s; with 4 example images: median %.3f s; "
                + "difference: median %.3f s (min %.3f, max %.3f); failures %d%n", median(without), median(with),
                median(extra), Arrays.stream(extra).min().orElseThrow(), Arrays.stream(extra).max().orElseThrow(),
                withExamples.statistics().sinkFailures("example-maps"));
        System.out.printf("one checkpoint's folder: %d files, %d bytes%n", count(folder.resolve("epoch-0000")),
                bytes(folder.resolve("epoch-0000")));
    }

    private static CScoreMonitorBuilder monitor(Network network) {
        Random random = new Random(5);
        int count = 64;
        float[][] images = new float[count][3 * SIZE * SIZE];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = (float) random.nextGaussian();
            }
        }
        LabeledDataset validation = LabeledDataset.fromArrays(images, labels, new Shape(3, SIZE, SIZE),
                List.of("NORMAL", "PNEUMONIA"));
        return CScoreMonitor.builder().setValidationData(validation).setNetwork(network).optSamplePerClass(16);
    }

    private static double seconds(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long bytes(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
