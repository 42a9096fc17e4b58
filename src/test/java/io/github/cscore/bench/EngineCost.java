package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A bench command for the cost of the remedies of docs/engine.md at the demo preset: a training
 * step and a checkpoint's computation without a cap, with {@code DNNL_MAX_CPU_ISA=SSE41}, and
 * without a cap on the safe path (one image at a time).
 *
 * <p>oneDNN reads the cap once per process, so each measurement runs in a child JVM; the children
 * alternate (no cap, SSE41) for several rounds and each round's ratio is taken. Times are the
 * process's CPU time (all threads) per operation, best of two after a warm-up: on the shared
 * 2-core machine other work changed wall-clock times tenfold between runs minutes apart, and CPU
 * time follows it far less (the children run with {@code OMP_WAIT_POLICY=PASSIVE}, so that
 * OpenMP threads waiting for a core do not spin). A training step is one SGD step on 16 images; a
 * checkpoint is the monitor's default: two shared passes of 16 images with the five default
 * techniques. Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.EngineCost
 * </pre>
 */
public final class EngineCost {

    private static final int ROUNDS = 3;
    private static final int TRAIN_BATCH = 16;
    private static final int REPETITIONS = 2;
    private static final String SAFE = "SSE41";

    private EngineCost() {}

    /**
     * Runs the rounds and prints a Markdown table; with {@code child} measures in this process.
     *
     * @param args {@code child} in a child, otherwise ignored
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            for (Architecture architecture : Architecture.values()) {
                System.out.println(architecture.label() + " " + measure(architecture, Boolean.parseBoolean(args[1])));
            }
            return;
        }
        Map<String, List<double[]>> none = new LinkedHashMap<>();
        Map<String, List<double[]>> safe = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean safeFirst = round % 2 == 1;
            collect(safeFirst ? safe : none, safeFirst ? SAFE : BenchChild.NONE);
            collect(safeFirst ? none : safe, safeFirst ? BenchChild.NONE : SAFE);
        }
        print(none, safe);
    }

    private static void collect(Map<String, List<double[]>> into, String cap) throws Exception {
        String oneByOne = Boolean.toString(cap.equals(BenchChild.NONE));
        for (String line : BenchChild.output(EngineCost.class, cap, "child", oneByOne).split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 4) {
                double[] values = Arrays.stream(fields, 1, 4).mapToDouble(Double::parseDouble).toArray();
                into.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(values);
            }
        }
    }

    /** CPU time: training ms per image, checkpoint s batched, checkpoint s one image at a time (or NaN). */
    private static String measure(Architecture architecture, boolean oneImageAtATime) {
        Engine.getInstance().setRandomSeed(5);
        Network network = architecture.build(NetworkConfig.demo());
        try (Model model = Model.newInstance(architecture.label())) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(TRAIN_BATCH).addAll(network.inputShape()));
                double train = best(() -> trainingStep(trainer, network)) * 1000 / TRAIN_BATCH;
                double checkpoint = best(() -> checkpoint(trainer.getManager(), network, false));
                double oneByOne = oneImageAtATime ? best(() -> checkpoint(trainer.getManager(), network, true)) : Double.NaN;
                return String.format("%.1f %.2f %.2f", train, checkpoint, oneByOne);
            }
        }
    }

    private static double trainingStep(Trainer trainer, Network network) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.randomUniform(-1, 1, new Shape(TRAIN_BATCH).addAll(network.inputShape()));
            NDArray labels = scope.randomInteger(0, 2, new Shape(TRAIN_BATCH), ai.djl.ndarray.types.DataType.FLOAT32);
            double start = cpuSeconds();
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                collector.backward(trainer.getLoss().evaluate(new NDList(labels), predictions));
            }
            trainer.step();
            return cpuSeconds() - start;
        }
    }

    /** The default sample (16 per class) in the default batches, five default techniques, in seconds. */
    private static double checkpoint(NDManager manager, Network network, boolean oneImageAtATime) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(CScoreMonitorBuilder.DEFAULT_TECHNIQUES.toArray(Technique[]::new))
                .optOneImageAtATime(oneImageAtATime)
                .build();
        int batch = CScoreMonitorBuilder.DEFAULT_BATCH_SIZE;
        int sample = 2 * CScoreMonitorBuilder.DEFAULT_SAMPLE_PER_CLASS;
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.randomUniform(-1, 1, new Shape(batch).addAll(network.inputShape()));
            int[] targets = new int[batch];
            double start = cpuSeconds();
            for (int done = 0; done < sample; done += batch) {
                explainer.explain(images, targets);
            }
            return cpuSeconds() - start;
        }
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    /** Best of {@link #REPETITIONS} after one warm-up. */
    private static double best(DoubleSupplier run) {
        run.getAsDouble();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < REPETITIONS; i++) {
            best = Math.min(best, run.getAsDouble());
        }
        return best;
    }

    private static void print(Map<String, List<double[]>> none, Map<String, List<double[]>> safe) {
        System.out.println("| architecture | training step, CPU ms/image: no cap | SSE41 | ratio (median of " + ROUNDS
                + " rounds) | checkpoint, CPU s: no cap | SSE41 | ratio | no cap, one image at a time | ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String architecture : none.keySet()) {
            List<double[]> a = none.get(architecture);
            List<double[]> b = safe.get(architecture);
            System.out.printf("| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", architecture,
                    median(a, 0), median(b, 0), medianRatio(b, a, 0, 0),
                    median(a, 1), median(b, 1), medianRatio(b, a, 1, 1),
                    median(a, 2), medianRatio(a, a, 2, 1));
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static double medianRatio(List<double[]> top, List<double[]> bottom, int topColumn, int bottomColumn) {
        double[] ratios = new double[top.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = top.get(i)[topColumn] / bottom.get(i)[bottomColumn];
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }
}
