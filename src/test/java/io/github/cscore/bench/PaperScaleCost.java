package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;

import java.util.function.DoubleSupplier;

/**
 * A bench command projecting the monitor's cost at the paper's scale: each architecture at full
 * width and input size (224, 299 for InceptionV3), two classes. It times one training step per
 * image and the monitor's shared pass with the five default techniques per image (best of three
 * after a warm-up), and projects one epoch over the Kermany training split against one
 * checkpoint of the default sample (16 images per class). Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.PaperScaleCost
 * </pre>
 */
public final class PaperScaleCost {

    /** Kermany's 5,216 training images less a 10 % validation carve-out. */
    private static final int EPOCH_IMAGES = 4_694;
    private static final int SAMPLE_IMAGES = 2 * CScoreMonitorBuilder.DEFAULT_SAMPLE_PER_CLASS;
    private static final int TRAIN_BATCH = 8;
    /** The monitor's default images per shared pass. */
    private static final int CAM_BATCH = CScoreMonitorBuilder.DEFAULT_BATCH_SIZE;
    private static final int REPETITIONS = 3;

    private PaperScaleCost() {}

    /**
     * Runs the measurement and prints a Markdown table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("| architecture | input | training step, s/image | five techniques, s/image"
                + " | projected epoch | projected checkpoint | checkpoint / epoch |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Architecture architecture : Architecture.values()) {
            System.out.println(measure(architecture));
        }
    }

    private static String measure(Architecture architecture) {
        Engine.getInstance().setRandomSeed(5);
        Network network = architecture.build(NetworkConfig.builder().optNumClasses(2).build());
        try (Model model = Model.newInstance(architecture.label())) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(TRAIN_BATCH).addAll(network.inputShape()));
                double train = best(() -> trainingStep(trainer, network)) / TRAIN_BATCH;
                double cam = best(() -> sharedPass(trainer.getManager(), network)) / CAM_BATCH;
                double epoch = EPOCH_IMAGES * train;
                double checkpoint = SAMPLE_IMAGES * cam;
                return String.format("| %s | %d | %.2f | %.2f | %.0f min | %.0f s | %.2f %% |", network.name(),
                        network.inputShape().get(1), train, cam, epoch / 60, checkpoint, 100 * checkpoint / epoch);
            }
        }
    }

    /** One SGD step on a batch of random images, in seconds. */
    private static double trainingStep(Trainer trainer, Network network) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.randomUniform(-1, 1, new Shape(TRAIN_BATCH).addAll(network.inputShape()));
            NDArray labels = scope.create(new float[TRAIN_BATCH]);
            Batch batch = new Batch(scope, new NDList(images), new NDList(labels), TRAIN_BATCH,
                    Batchifier.STACK, Batchifier.STACK, 0, 1);
            long start = System.nanoTime();
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The shared pass and the five default techniques on one batch, in seconds. */
    private static double sharedPass(NDManager manager, Network network) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(CScoreMonitorBuilder.DEFAULT_TECHNIQUES.toArray(Technique[]::new))
                .build();
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.randomUniform(-1, 1, new Shape(CAM_BATCH).addAll(network.inputShape()));
            int[] targets = new int[CAM_BATCH];
            long start = System.nanoTime();
            explainer.explain(images, targets);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Best of {@link #REPETITIONS} after one warm-up: the least disturbed by other work. */
    private static double best(DoubleSupplier run) {
        run.getAsDouble();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < REPETITIONS; i++) {
            best = Math.min(best, run.getAsDouble());
        }
        return best;
    }
}
