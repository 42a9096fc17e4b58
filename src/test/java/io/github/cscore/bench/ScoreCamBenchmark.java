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
import io.github.cscore.result.Technique;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Score-CAM's cost per image against its floor, the C masked forward passes at the chosen batch
 * size, on the same ResNet50V2 (width 0.25, C = 512 channels at the tap) as {@link CamBenchmark};
 * and the speed-up of the top-K channel preselection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dai.djl.offline=true"})
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 5, time = 10)
public class ScoreCamBenchmark {

    static final int BATCH = 2;
    static final int MASK_BATCH = 32;

    @Param({"64", "224"})
    public int inputSize;

    /** Channels masked: 0 means all (the exact method). */
    @Param({"0", "128", "32"})
    public int topK;

    private NDManager manager;
    private Network network;
    private CamExplainer explainer;
    private NDArray images;
    private NDArray maskedBatch;
    private int channels;
    private final int[] targets = {0, 1};

    /** Builds the network, the images, and one batch of masked-input-sized random images. */
    @Setup
    public void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        network = Architecture.RESNET50_V2.build(CamBenchmark.config(inputSize));
        network.initialize(manager);
        images = manager.randomUniform(-1, 1, new Shape(BATCH).addAll(network.inputShape()));
        maskedBatch = manager.randomUniform(-1, 1, new Shape(MASK_BATCH).addAll(network.inputShape()));
        channels = (int) Architecture.RESNET50_V2.tapShapes(CamBenchmark.config(inputSize))
                .get(network.camTaps().primary()).get(0);
        explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.SCORE_CAM)
                .optImplementation(
                        new ScoreCam(new ScoreCamConfig(MASK_BATCH, topK, ChannelSelection.ACTIVATION_VARIANCE)))
                .build();
    }

    /** Score-CAM's maps, its forward pass and every masked batch included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void scoreCam(Blackhole sink) {
        try (CamPass pass = explainer.run(images, targets)) {
            sink.consume(pass.maps(Technique.SCORE_CAM));
        }
    }

    /** The floor: as many batched forward passes per image as Score-CAM masks channels. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawMaskedForwards(Blackhole sink) {
        int masked = topK == 0 ? channels : Math.min(topK, channels);
        for (int image = 0; image < BATCH; image++) {
            for (int start = 0; start < masked; start += MASK_BATCH) {
                int size = Math.min(MASK_BATCH, masked - start);
                try (NDManager scope = manager.newSubManager()) {
                    maskedBatch.tempAttach(scope);
                    NDArray batch = maskedBatch;
                    if (size < MASK_BATCH) {
                        batch = maskedBatch.get("0:" + size);
                        batch.attach(scope);
                    }
                    NDArray logits = network.block()
                            .forward(new ParameterStore(scope, false), new NDList(batch), false)
                            .singletonOrThrow();
                    sink.consume(logits.toFloatArray());
                }
            }
        }
    }

    /** Releases the arrays. */
    @TearDown
    public void tearDown() {
        manager.close();
    }
}
