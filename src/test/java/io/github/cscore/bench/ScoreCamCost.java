package io.github.cscore.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.Technique;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * A bench command for Score-CAM's cost against its floor, as many raw batched forward passes as
 * it masks channels, measured in alternation.
 *
 * <p>On a shared 2-core machine the speed drifts by tens of percent within minutes, so that two
 * benchmarks run one after the other can disagree by more than the overhead being measured.
 * Here each repetition times the raw forwards and then Score-CAM on the same images, and the
 * ratio is taken per repetition: drift slower than one repetition cancels. Same network, batch
 * and masked-batch size as {@link ScoreCamBenchmark}. Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.ScoreCamCost
 * </pre>
 */
public final class ScoreCamCost {

    private static final int[] INPUT_SIZES = {64, 224};
    private static final int[] TOP_K = {0, 128, 32};
    private static final int WARM_UP = 1;
    private static final int REPETITIONS = 7;

    private ScoreCamCost() {}

    /**
     * Runs the measurement and prints a Markdown table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("| input | top-K | masked forwards, ms/image | Score-CAM, ms/image | ratio (median of "
                + REPETITIONS + ") | ratio min - max |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int inputSize : INPUT_SIZES) {
            for (int topK : TOP_K) {
                try (Setup setup = new Setup(inputSize, topK)) {
                    System.out.println(setup.measure());
                }
            }
        }
    }

    /** One network, its images and an explainer for one (input size, top-K) pair. */
    private static final class Setup implements AutoCloseable {
        private final int inputSize;
        private final int topK;
        private final NDManager manager = NDManager.newBaseManager();
        private final Network network;
        private final CamExplainer explainer;
        private final NDArray images;
        private final NDArray maskedBatch;
        private final int masked;

        Setup(int inputSize, int topK) {
            this.inputSize = inputSize;
            this.topK = topK;
            Engine.getInstance().setRandomSeed(7);
            NetworkConfig config = CamBenchmark.config(inputSize);
            network = Architecture.RESNET50_V2.build(config);
            network.initialize(manager);
            images = manager.randomUniform(-1, 1, new Shape(ScoreCamBenchmark.BATCH).addAll(network.inputShape()));
            maskedBatch = manager.randomUniform(-1, 1,
                    new Shape(ScoreCamBenchmark.MASK_BATCH).addAll(network.inputShape()));
            int channels = (int) Architecture.RESNET50_V2.tapShapes(config).get(network.camTaps().primary()).get(0);
            masked = topK == 0 ? channels : Math.min(topK, channels);
            explainer = CamExplainer.builder()
                    .setNetwork(network)
                    .optTechniques(Technique.SCORE_CAM)
                    .optImplementation(new ScoreCam(new ScoreCamConfig(ScoreCamBenchmark.MASK_BATCH, topK,
                            ChannelSelection.ACTIVATION_VARIANCE)))
                    .build();
        }

        String measure() {
            double[] raw = new double[REPETITIONS];
            double[] scoreCam = new double[REPETITIONS];
            double[] ratio = new double[REPETITIONS];
            for (int i = -WARM_UP; i < REPETITIONS; i++) {
                double rawMs = perImage(this::rawForwards);
                double scoreCamMs = perImage(this::scoreCam);
                if (i >= 0) {
                    raw[i] = rawMs;
                    scoreCam[i] = scoreCamMs;
                    ratio[i] = scoreCamMs / rawMs;
                }
            }
            Arrays.sort(ratio);
            return String.format("| %d | %s | %.0f | %.0f | %.2f | %.2f - %.2f |", inputSize,
                    topK == 0 ? "all (" + masked + ")" : Integer.toString(topK),
                    median(raw), median(scoreCam), median(ratio), ratio[0], ratio[REPETITIONS - 1]);
        }

        private double perImage(DoubleSupplier run) {
            long start = System.nanoTime();
            double sink = run.getAsDouble();
            long elapsed = System.nanoTime() - start;
            if (Double.isNaN(sink)) {
                System.err.println("NaN output");
            }
            return elapsed / 1e6 / ScoreCamBenchmark.BATCH;
        }

        private double scoreCam() {
            try (CamPass pass = explainer.run(images, new int[] {0, 1})) {
                return pass.maps(Technique.SCORE_CAM).map(0)[0];
            }
        }

        private double rawForwards() {
            double sum = 0;
            for (int image = 0; image < ScoreCamBenchmark.BATCH; image++) {
                for (int start = 0; start < masked; start += ScoreCamBenchmark.MASK_BATCH) {
                    int size = Math.min(ScoreCamBenchmark.MASK_BATCH, masked - start);
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray batch = maskedBatch.get("0:" + size);
                        batch.attach(scope);
                        NDArray logits = network.block()
                                .forward(new ParameterStore(scope, false), new NDList(batch), false)
                                .singletonOrThrow();
                        sum += logits.toFloatArray()[0];
                    }
                }
            }
            return sum;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
