package io.github.cscore.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.ReferenceScoreCam;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A bench command for exact Score-CAM's cost against its floor and against the implementation it
 * replaced, measured in alternation.
 *
 * <p>On a shared 2-core machine the speed drifts by tens of percent within minutes, so two
 * benchmarks run one after the other can disagree by more than the change being measured. Here
 * each repetition runs the floor, the previous Score-CAM ({@link ReferenceScoreCam}) and the
 * current one on the same image, one after the other, and the ratios are taken within each
 * repetition; the table gives medians over the repetitions, of the process's CPU time and of the
 * wall time. Same networks, floor and caller gradient mode as {@link ScoreCamBenchmark}. Run with
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE mvn -q -B -Pbench test-compile exec:exec \
 *     -Dbench.main=io.github.cscore.bench.ScoreCamCost '-Dbench=resnet50v2-64,resnet50v2-48 5 off'
 * </pre>
 *
 * with the scales, the number of repetitions (after one warm-up) and the caller's gradient mode
 * ({@code off} or {@code on}); no argument runs the four scales of {@link ScoreCamBenchmark}, 5
 * repetitions, gradient mode off.
 */
public final class ScoreCamCost {

    private static final String[] SCALES = {"resnet50v2-64", "resnet50v2-48", "densenet201-64", "inceptionv3-64"};
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ScoreCamCost() {}

    /**
     * Runs the measurement and prints a Markdown table.
     *
     * @param args the JMH-style arguments of the {@code bench} profile, the last of which holds
     *     the scales, repetitions and gradient mode separated by spaces (see the class comment)
     */
    public static void main(String[] args) {
        String[] options = args.length == 0 ? new String[0] : args[args.length - 1].trim().split("\\s+");
        String[] scales = options.length > 0 && !options[0].equals(".*") ? options[0].split(",") : SCALES;
        int repetitions = options.length > 1 ? Integer.parseInt(options[1]) : 5;
        boolean gradMode = options.length > 2 && options[2].equals("on");
        System.out.printf("caller gradient mode %s, %d repetitions after one warm-up, one image%n%n",
                gradMode ? "on" : "off", repetitions);
        System.out.println("| network | channels | floor, CPU ms/image | previous | current | previous / floor "
                + "| current / floor | current / previous | same, wall time |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (String scale : scales) {
            try (Setup setup = new Setup(scale, gradMode)) {
                System.out.println(setup.measure(repetitions));
            }
        }
    }

    /** One network, its image and the two explainers. */
    private static final class Setup implements AutoCloseable {
        private final String scale;
        private final boolean gradMode;
        private final NDManager manager = NDManager.newBaseManager();
        private final Network network;
        private final CamExplainer current;
        private final CamExplainer previous;
        private final NDArray image;
        private final NDArray maskedBatch;
        private final int channels;

        Setup(String scale, boolean gradMode) {
            this.scale = scale;
            this.gradMode = gradMode;
            Engine.getInstance().setRandomSeed(7);
            network = ScoreCamBenchmark.build(scale);
            network.initialize(manager);
            ScoreCamBenchmark.requireGradients(network);
            channels = ScoreCamBenchmark.channels(scale);
            image = manager.randomUniform(-1, 1, new Shape(1).addAll(network.inputShape()));
            maskedBatch = manager.randomUniform(-1, 1,
                    new Shape(ScoreCamBenchmark.FLOOR_BATCH).addAll(network.inputShape()));
            current = ScoreCamBenchmark.explainer(network, new ScoreCam());
            previous = ScoreCamBenchmark.explainer(network,
                    new ReferenceScoreCam(new ScoreCamConfig(ScoreCamBenchmark.FLOOR_BATCH, 0), network.block()));
        }

        String measure(int repetitions) {
            List<double[]> cpu = new ArrayList<>();
            List<double[]> wall = new ArrayList<>();
            DoubleSupplier[] runs = {this::floor, () -> scoreCam(previous), () -> scoreCam(current)};
            for (int r = -1; r < repetitions; r++) {
                double[] cpuTimes = new double[runs.length];
                double[] wallTimes = new double[runs.length];
                for (int i = 0; i < runs.length; i++) {
                    JniUtils.setGradMode(gradMode);
                    long cpuStart = OS.getProcessCpuTime();
                    long wallStart = System.nanoTime();
                    double sink = runs[i].getAsDouble();
                    wallTimes[i] = (System.nanoTime() - wallStart) / 1e6;
                    cpuTimes[i] = (OS.getProcessCpuTime() - cpuStart) / 1e6;
                    if (Double.isNaN(sink)) {
                        System.err.println("NaN output");
                    }
                }
                if (r >= 0) {
                    cpu.add(cpuTimes);
                    wall.add(wallTimes);
                }
            }
            return String.format("| %s | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %s |", scale, channels,
                    median(cpu, 0), median(cpu, 1), median(cpu, 2), ratio(cpu, 1, 0), ratio(cpu, 2, 0),
                    ratio(cpu, 2, 1), String.format("%.0f / %.0f / %.0f ms, ratios %.2f / %.2f / %.2f",
                            median(wall, 0), median(wall, 1), median(wall, 2),
                            ratio(wall, 1, 0), ratio(wall, 2, 0), ratio(wall, 2, 1)));
        }

        private double scoreCam(CamExplainer explainer) {
            try (CamPass pass = explainer.run(image, new int[] {0})) {
                return pass.maps(Technique.SCORE_CAM).map(0)[0];
            }
        }

        private double floor() {
            double sum = 0;
            int batchSize = ScoreCamBenchmark.FLOOR_BATCH;
            for (int start = 0; start < channels; start += batchSize) {
                int size = Math.min(batchSize, channels - start);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray batch = maskedBatch.get("0:" + size);
                    batch.attach(scope);
                    NDArray logits = network.block()
                            .forward(new ParameterStore(scope, false), new NDList(batch), false)
                            .singletonOrThrow();
                    sum += logits.toFloatArray()[0];
                }
            }
            return sum;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static double ratio(List<double[]> rows, int numerator, int denominator) {
        double[] values = rows.stream().mapToDouble(row -> row[numerator] / row[denominator]).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
