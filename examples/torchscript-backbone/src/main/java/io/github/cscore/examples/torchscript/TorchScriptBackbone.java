package io.github.cscore.examples.torchscript;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Network;
import io.github.cscore.model.TorchScriptNetwork;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.timeline.TimelineWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * DJL's transfer-learning recipe on a TorchScript backbone, with the monitor attached: load the
 * feature extractor (exported in two files, so that MS GradCAM++ has a lower tap), put a new head
 * on it, train the head on the frozen backbone, then fine-tune everything.
 *
 * <p>Arguments: {@code [lower.pt] [upper.pt] [out folder] [transfer epochs] [fine-tuning epochs]};
 * default: the project's test fixture (src/test/resources/torchscript), {@code runs/torchscript 1 8}.
 */
public final class TorchScriptBackbone {

    private static final int SIZE = 32;
    private static final List<String> CLASSES = List.of("horizontal", "vertical");

    private TorchScriptBackbone() {}

    /**
     * Trains both phases with the monitor attached and writes {@code <out>/timeline.jsonl}.
     *
     * @param args the two TorchScript files, out folder and the epochs of each phase, all optional
     * @throws Exception if loading or training fails
     */
    public static void main(String[] args) throws Exception {
        Path fixture = Path.of("src", "test", "resources", "torchscript");
        Path lower = Path.of(args.length > 0 ? args[0] : fixture.resolve("lower.pt").toString());
        Path upper = Path.of(args.length > 1 ? args[1] : fixture.resolve("upper.pt").toString());
        Path out = Path.of(args.length > 2 ? args[2] : "runs/torchscript");
        int transferEpochs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int finetuneEpochs = args.length > 4 ? Integer.parseInt(args[4]) : 8;

        try (Model model = Model.newInstance("torchscript", "PyTorch")) {
            // The backbone's weights belong to the model's manager, as the head's do.
            Network network = TorchScriptNetwork.builder()
                    .setManager(model.getNDManager())
                    .setInputShape(new Shape(3, SIZE, SIZE))
                    .setNumClasses(CLASSES.size())
                    .addStage("lower", lower)          // tap backbone/lower: MS GradCAM++'s lower map
                    .addStage("upper", upper)          // tap backbone/upper: the last feature map
                    .build();
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            ArrayDataset train = bars(model.getNDManager(), 128, 1);

            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(validationBars(64, 2))
                    .setNetwork(network)
                    .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM,
                            Technique.MS_GRAD_CAM_PLUS_PLUS)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).build())
                    .optRunName("torchscript-backbone")
                    .optSink(TimelineWriter.create(out.resolve("timeline.jsonl")))
                    .optSink(TorchScriptBackbone::print)
                    .build();
            try (monitor) {
                network.freezeBackbone(true);                 // transfer: train the head only
                fit(model, monitor, train, transferEpochs);
                network.freezeBackbone(false);                // fine-tuning: everything
                fit(model, monitor, train, finetuneEpochs);
            }
        }
        System.out.println("timeline: " + out.resolve("timeline.jsonl"));
    }

    /** A trainer per phase: a fresh optimiser at the unfreeze, as docs/monitor.md recommends. */
    private static void fit(Model model, CScoreMonitor monitor, ArrayDataset train, int epochs) throws Exception {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                .addTrainingListeners(monitor);
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, epochs, train, null);
        }
    }

    private static void print(CheckpointResult result) {
        System.out.printf("epoch %d (%s): accuracy %.2f, AUC %.2f, C-Score GradCAM %.3f, MS GradCAM++ %s%n",
                result.epoch(), result.phase(), result.accuracy(), result.macroAuc(),
                result.technique(Technique.GRAD_CAM).global().macro(),
                result.technique(Technique.MS_GRAD_CAM_PLUS_PLUS).isScored()
                        ? String.format("%.3f", result.technique(Technique.MS_GRAD_CAM_PLUS_PLUS).global().macro())
                        : "skipped: " + result.technique(Technique.MS_GRAD_CAM_PLUS_PLUS).detail());
    }

    /** Images with a bright bar: horizontal (class 0) or vertical (class 1), on noise. */
    private static float[][] images(int count, long seed, int[] labels) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * SIZE * SIZE];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int along = 8 + random.nextInt(4);
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
