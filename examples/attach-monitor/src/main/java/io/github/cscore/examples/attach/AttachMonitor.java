package io.github.cscore.examples.attach;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.NamedSequentialBlock;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.TimelineWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Attaches the C-Score monitor to a DJL training of one's own: a small CNN learning whether a bright
 * bar is horizontal or vertical. Everything but the monitor is ordinary DJL code; replace it with yours.
 *
 * <p>Arguments: {@code [out folder] [epochs]}, default {@code runs/attach-monitor 8}.
 */
public final class AttachMonitor {

    private static final int SIZE = 32;
    private static final List<String> CLASSES = List.of("horizontal", "vertical");

    private AttachMonitor() {}

    /**
     * Trains with the monitor attached and writes {@code <out>/timeline.jsonl}.
     *
     * @param args out folder and number of epochs, both optional
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/attach-monitor");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        NamedSequentialBlock network = network();
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset train = bars(manager, 128, 1);

            // The monitor: validation images, the block and the layers to explain, where results go.
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(validationBars(64, 2))
                    .setBlock(network, new CamTaps("features/stage2", List.of("features/stage1", "features/stage2")))
                    .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM)
                    .optRunName("attach-monitor")
                    .optSink(TimelineWriter.create(out.resolve("timeline.jsonl")))  // closed with the monitor
                    .optSink(AttachMonitor::print)
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .addTrainingListeners(monitor);                                  // attached

            try (monitor; Model model = Model.newInstance("bars")) {
                model.setBlock(network);
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                    EasyTrain.fit(trainer, epochs, train, null);
                }
            }
        }
        System.out.println("timeline: " + out.resolve("timeline.jsonl"));
    }

    private static void print(CheckpointResult result) {
        System.out.printf("epoch %d: accuracy %.2f, AUC %.2f, gold lists %s, GradCAM C-Score %.3f (worst class %.3f)%n",
                result.epoch(), result.accuracy(), result.macroAuc(),
                result.classes().stream().map(c -> c.name() + "=" + c.goldSize()).toList(),
                result.technique(Technique.GRAD_CAM).global().macro(),
                result.technique(Technique.GRAD_CAM).global().worst());
    }

    /** A small CNN whose layers have names, so that the monitor can be told which to explain. */
    private static NamedSequentialBlock network() {
        NamedSequentialBlock features = new NamedSequentialBlock()
                .add("stage1", convolution(8, 1))
                .add("stage2", convolution(16, 2));
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("pool", Pool.globalAvgPool2dBlock())
                .add("linear", Linear.builder().setUnits(CLASSES.size()).build());
        return new NamedSequentialBlock().add("features", features).add("head", head);
    }

    private static Block convolution(int filters, int stride) {
        return new NamedSequentialBlock()
                .add("conv", Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters)
                        .optStride(new Shape(stride, stride)).optPadding(new Shape(1, 1)).build())
                .add("bn", BatchNorm.builder().build())
                .add("relu", Activation.reluBlock());
    }

    /** Images with a bright bar near the centre: horizontal (class 0) or vertical (class 1), on noise. */
    private static float[][] images(int count, long seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int along = 8 + random.nextInt(4);     // near the centre, a few pixels of jitter
            int across = 12 + random.nextInt(5);
            for (int p = 0; p < images[i].length; p++) {
                int y = (p / SIZE) % SIZE;
                int x = p % SIZE;
                int u = labels[i] == 1 ? y : x;
                int v = labels[i] == 1 ? x : y;
                boolean inBar = u >= along && u < along + 12 && v >= across && v < across + 3;
                images[i][p] = (inBar ? 1.5f : 0f) + 0.3f * (float) random.nextGaussian();
            }
        }
        return images;
    }

    private static LabeledDataset validationBars(int count, long seed) {
        int[] labels = new int[count];
        return LabeledDataset.fromArrays(images(count, seed, labels), labels, new Shape(3, SIZE, SIZE), CLASSES);
    }

    private static ArrayDataset bars(NDManager manager, int count, long seed) {
        int[] labels = new int[count];
        float[][] images = images(count, seed, labels);
        float[] flat = new float[count * 3 * SIZE * SIZE];
        float[] labelValues = new float[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images[i], 0, flat, i * images[i].length, images[i].length);
            labelValues[i] = labels[i];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(flat, new Shape(count, 3, SIZE, SIZE)))
                .optLabels(manager.create(labelValues))
                .setSampling(16, true)
                .build();
    }
}
