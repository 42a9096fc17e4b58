package io.github.cscore.export;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.ImageArrays;
import io.github.cscore.testing.TestNetworks;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short real training with the monitor, an alert engine and an exporter attached: a small CNN
 * on 16x16 images (a bright square upper left or lower right), SGD at 0.1, then, if asked, a
 * learning rate blown up for the last epochs, which makes the model collapse.
 */
final class TrainingRun implements AutoCloseable {

    static final int SIZE = 16;
    /** The techniques every run scores. */
    static final List<Technique> TECHNIQUES = List.of(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM);
    /** The class names, by label. */
    static final List<String> CLASSES = List.of("lower", "upper");
    private static final int TRAIN = 64;
    private static final int BATCH = 16;
    /**
     * The shortest an epoch may take. Prometheus scrapes once a second and the trend rule needs
     * several epochs inside its window; on a fast machine unpaced epochs pass between scrapes.
     */
    private static final long MIN_EPOCH_MILLIS = 2000;

    final String run;
    final NDManager manager = NDManager.newBaseManager();
    final Network network;
    final AlertEngine alerts;
    final CScoreExporter exporter;
    final CScoreMonitor monitor;

    TrainingRun(String run, int seed, CScoreExporterBuilder exporterSettings) {
        this.run = run;
        this.network = TestNetworks.smallCnn(manager, SIZE, 2, seed);
        this.alerts = AlertEngine.ofDefaults();
        this.exporter = exporterSettings.optAlertEngine(alerts).build();
        CScoreMonitorBuilder builder = CScoreMonitor.builder()
                .setValidationData(validation(seed + 100))
                .setNetwork(network)
                .optRunName(run)
                .optModelName("small-cnn")
                .optTechniques(TECHNIQUES.toArray(Technique[]::new))
                .optSamplePerClass(12)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.6f).build())
                .optSink("alerts", alerts)
                .optSink("prometheus", exporter);
        this.monitor = builder.build();
        alerts.attach(monitor);
    }

    /** Trains healthy epochs at 0.1, then blown epochs at the blown-up rate. */
    void train(int healthyEpochs, int blownEpochs, float blownRate) throws IOException, TranslateException {
        AtomicInteger epochs = new AtomicInteger();
        try (Model model = Model.newInstance(run)) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker((parameter, update) -> epochs.get() < healthyEpochs ? 0.1f : blownRate)
                            .build())
                    .addTrainingListeners(monitor, new TrainingListenerAdapter() {
                        private long epochStart = System.nanoTime();

                        @Override
                        public void onEpoch(Trainer trainer) {
                            epochs.incrementAndGet();
                            epochStart = paced(epochStart);
                        }
                    });
            ArrayDataset data = training(manager, 7);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                EasyTrain.fit(trainer, healthyEpochs + blownEpochs, data, null);
            }
        }
    }

    /** Sleeps out the rest of the shortest epoch begun at {@code start}; returns the next start. */
    private static long paced(long start) {
        long left = MIN_EPOCH_MILLIS - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return System.nanoTime();
    }

    /** Class 1 images have a bright square in the upper left, class 0 in the lower right. */
    private static float[][] images(int count, int seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int offset = labels[i] == 1 ? 2 : 9;
            for (int p = 0; p < 3 * SIZE * SIZE; p++) {
                int y = (p / SIZE) % SIZE;
                int x = p % SIZE;
                boolean square = y >= offset && y < offset + 5 && x >= offset && x < offset + 5;
                images[i][p] = (square ? 1.5f : 0f) + 0.3f * (float) random.nextGaussian();
            }
        }
        return images;
    }

    static LabeledDataset validation(int seed) {
        int[] labels = new int[48];
        float[][] images = images(48, seed, labels);
        return LabeledDataset.fromArrays(images, labels, new Shape(3, SIZE, SIZE), CLASSES);
    }

    static ArrayDataset training(NDManager manager, int seed) {
        int[] labels = new int[TRAIN];
        float[][] images = images(TRAIN, seed, labels);
        return ImageArrays.trainingSet(manager, images, labels, new Shape(3, SIZE, SIZE), BATCH);
    }

    @Override
    public void close() {
        exporter.close();
        monitor.close();
        manager.close();
    }
}
