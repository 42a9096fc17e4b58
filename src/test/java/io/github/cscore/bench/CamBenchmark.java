package io.github.cscore.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
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
 * Cost per image of the CAM techniques on ResNet50V2 at width 0.25, against the floor: a bare
 * forward and backward pass of the same model.
 *
 * <p>At 64x64 the stem's down-sampling is removed and two units per stage are kept (the demo
 * preset: 8x8 primary tap, 512 channels); at 224x224 the network has its full depth and stem
 * (7x7 tap, 512 channels). Each benchmark explains a batch of {@value #BATCH} images and reports
 * milliseconds per image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 6, time = 4)
public class CamBenchmark {

    static final int BATCH = 8;

    private static final Technique[] PASS_SHARING = {
        Technique.GRAD_CAM, Technique.GRAD_CAM_PLUS_PLUS, Technique.LAYER_CAM,
        Technique.EIGEN_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS
    };

    @Param({"64", "224"})
    public int inputSize;

    private NDManager manager;
    private Network network;
    private CamExplainer explainer;
    private NDArray images;
    private int[] targets;

    /** Builds and initialises the network, a batch of random images and the explainer. */
    @Setup
    public void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        network = Architecture.RESNET50_V2.build(config(inputSize));
        network.initialize(manager);
        images = manager.randomUniform(-1, 1, new Shape(BATCH).addAll(network.inputShape()));
        targets = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            targets[i] = i % 2;
        }
        explainer = CamExplainer.builder()
                .setNetwork(network)
                .optImplementation(new ScoreCam(new ScoreCamConfig(32, 0)))
                .build();
    }

    static NetworkConfig config(int inputSize) {
        if (inputSize < 128) {
            return NetworkConfig.builder().optInputSize(inputSize).optNumClasses(2).optWidthMultiplier(0.25f)
                    .optMaxBlocksPerStage(2).optStemDownsampling(false).build();
        }
        return NetworkConfig.builder().optInputSize(inputSize).optNumClasses(2).optWidthMultiplier(0.25f).build();
    }

    /** The floor: forward in inference mode, then backward to every parameter. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float bareForwardBackward() {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            // Results attach to their first operand's manager: route them all to the scope.
            images.tempAttach(scope);
            NDArray logits = network.block()
                    .forward(new ParameterStore(scope, false), new NDList(images), false)
                    .singletonOrThrow();
            NDArray target = logits.mul(scope.create(targets).oneHot(2, logits.getDataType())).sum();
            collector.backward(target);
            collector.zeroGradients();
            return target.getFloat();
        }
    }

    /** A forward pass only, in inference mode. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float bareForward() {
        try (NDManager scope = manager.newSubManager()) {
            images.tempAttach(scope);
            return network.block()
                    .forward(new ParameterStore(scope, false), new NDList(images), false)
                    .singletonOrThrow()
                    .sum()
                    .getFloat();
        }
    }

    /** The shared pass: logits, activations and gradients at the three taps. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void sharedPass(Blackhole sink) {
        try (CamPass pass = explainer.run(images, targets)) {
            sink.consume(pass.logits());
        }
    }

    /** The five pass-sharing techniques from one shared pass, post-processing included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fivePassSharingTechniques(Blackhole sink) {
        try (CamPass pass = explainer.run(images, targets)) {
            for (Technique technique : PASS_SHARING) {
                sink.consume(pass.maps(technique));
            }
        }
    }

    /** GradCAM alone: its own pass and its maps (the cost when each technique runs alone). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void gradCamAlone(Blackhole sink) {
        alone(Technique.GRAD_CAM, sink);
    }

    /** GradCAM++ alone. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void gradCamPlusPlusAlone(Blackhole sink) {
        alone(Technique.GRAD_CAM_PLUS_PLUS, sink);
    }

    /** LayerCAM alone. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void layerCamAlone(Blackhole sink) {
        alone(Technique.LAYER_CAM, sink);
    }

    /** EigenCAM alone (the shared pass here includes the backward the others need). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void eigenCamAlone(Blackhole sink) {
        alone(Technique.EIGEN_CAM, sink);
    }

    /** MS GradCAM++ alone. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void multiScaleGradCamPlusPlusAlone(Blackhole sink) {
        alone(Technique.MS_GRAD_CAM_PLUS_PLUS, sink);
    }

    private void alone(Technique technique, Blackhole sink) {
        try (CamPass pass = explainer.run(images, targets)) {
            sink.consume(pass.maps(technique));
        }
    }

    /** Releases the arrays. */
    @TearDown
    public void tearDown() {
        manager.close();
    }
}
