package io.github.cscore.report;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Network;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.ImageArrays;
import io.github.cscore.testing.TestNetworks;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A short real training that leaves what a report reads: a timeline with checkpoint and alert
 * records and example maps beside it. A small CNN learns where a bright square sits (lower right
 * or upper left) on 32x32 noisy images: a transfer epoch with the backbone frozen, healthy
 * fine-tuning epochs, then epochs at a blown-up learning rate that collapse the model, so alerts
 * fire.
 */
final class ReportRun {

    static final int SIZE = 32;
    private static final int TRAIN = 96;

    private ReportRun() {}

    /**
     * Trains and writes {@code timeline.jsonl} and {@code timeline-maps/} into a folder.
     *
     * @return the timeline file
     */
    static Path train(Path folder, int healthyFinetuneEpochs, int blownEpochs) throws Exception {
        Path timeline = folder.resolve("timeline.jsonl");
        try (NDManager manager = NDManager.newBaseManager();
                TimelineWriter writer = TimelineWriter.create(timeline)) {
            Network network = TestNetworks.smallCnn(manager, SIZE, 2, 11);
            // snippet: report-wiring
            AlertEngine alerts = AlertEngine.ofDefaults();
            alerts.subscribe(writer::append); // alert records in the timeline too
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(validation())
                    .setNetwork(network)
                    .optRunName("render-test")
                    .optSamplePerClass(12)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(0.6f).build())
                    .optSink("timeline", writer)
                    .optSink("alerts", alerts)
                    // the maps of 2 fixed images per class at every checkpoint, in timeline-maps/
                    .optExampleImages(2, ExampleMapsWriter.besideTimeline(timeline))
                    .build();
            // end-snippet
            try (Model model = Model.newInstance("render-test")) {
                model.setBlock(network.block());
                RandomAccessDataset data = training(manager);
                network.freezeBackbone(true);
                fit(model, monitor, data, 1, 0.05f);
                network.freezeBackbone(false);
                fit(model, monitor, data, healthyFinetuneEpochs, 0.05f);
                if (blownEpochs > 0) {
                    fit(model, monitor, data, blownEpochs, 1e20f);
                }
            }
        }
        return timeline;
    }

    private static void fit(Model model, CScoreMonitor monitor, RandomAccessDataset data, int epochs, float rate)
            throws Exception {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(rate)).build())
                .addTrainingListeners(monitor);
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, 3, SIZE, SIZE));
            Training.fit(trainer, epochs, data, null);
        }
    }

    /** Class 1 images have a bright square in the upper left, class 0 in the lower right. */
    private static float[][] images(int count, int seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int offset = labels[i] == 1 ? 4 + random.nextInt(4) : 18 + random.nextInt(4);
            for (int p = 0; p < 3 * SIZE * SIZE; p++) {
                int y = (p / SIZE) % SIZE;
                int x = p % SIZE;
                boolean square = y >= offset && y < offset + 9 && x >= offset && x < offset + 9;
                images[i][p] = (square ? 1.5f : 0f) + 0.3f * (float) random.nextGaussian();
            }
        }
        return images;
    }

    private static LabeledDataset validation() {
        int[] labels = new int[48];
        return LabeledDataset.fromArrays(images(48, 101, labels), labels, new Shape(3, SIZE, SIZE),
                List.of("lower-right", "upper-left"));
    }

    private static ArrayDataset training(NDManager manager) {
        int[] labels = new int[TRAIN];
        float[][] images = images(TRAIN, 7, labels);
        return ImageArrays.trainingSet(manager, images, labels, new Shape(3, SIZE, SIZE), 16);
    }
}
