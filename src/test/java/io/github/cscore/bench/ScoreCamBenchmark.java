package io.github.cscore.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.ReferenceScoreCam;
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
 * Exact Score-CAM's cost per image against its floor, on the scaled paper networks.
 *
 * <p>The <b>floor</b> is fixed as issue 21 states it: as many raw forward passes as the tap has
 * channels, in batches of 32 random inputs of the network's input shape, in the default (NCHW)
 * layout, with nothing around them. {@code reference} is Score-CAM as it was before its masked
 * forwards were made cheaper ({@link ReferenceScoreCam}, batches of 32), {@code scoreCam} the
 * current one at its defaults. One image per operation, so each operation also pays the shared
 * forward pass that gives the tap's activations. Run through {@link Jmh} for the CPU time per
 * operation ({@code ·cpu}) beside the wall time.
 *
 * <p>The parameters require gradients, as those of a network being trained do. {@code
 * callerGradMode} is the autograd state of the calling thread: DJL turns gradient recording off on
 * the thread that loads the PyTorch engine, but every other thread starts with it on (PyTorch's
 * grad mode is thread-local), so a monitor running on another thread than the engine's loader
 * records an autograd graph in every forward pass unless told not to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dai.djl.offline=true"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class ScoreCamBenchmark {

    /** Masked inputs per forward pass of the floor and of the reference. */
    static final int FLOOR_BATCH = 32;

    /**
     * The network: architecture label and input size, at the demo scale (width 0.25, at most two
     * units per stage, {@link NetworkConfig#demo(int, float, int)}). {@code resnet50v2-64} is
     * {@code cscore demo}'s network, {@code resnet50v2-48} the study's.
     */
    @Param({"resnet50v2-64", "resnet50v2-48", "densenet201-64", "inceptionv3-64"})
    public String scale;

    /** Gradient recording of the calling thread: {@code off} as DJL leaves its loading thread, or {@code on}. */
    @Param({"off"})
    public String callerGradMode;

    private NDManager manager;
    private Network network;
    private CamExplainer current;
    private CamExplainer reference;
    private NDArray image;
    private NDArray maskedBatch;
    private int channels;

    /** Builds the network, one image, and one batch of random masked-input-sized images. */
    @Setup
    public void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        network = build(scale);
        network.initialize(manager);
        requireGradients(network);
        image = manager.randomUniform(-1, 1, new Shape(1).addAll(network.inputShape()));
        maskedBatch = manager.randomUniform(-1, 1, new Shape(FLOOR_BATCH).addAll(network.inputShape()));
        channels = channels(scale);
        current = explainer(network, new ScoreCam());
        reference = explainer(network, new ReferenceScoreCam(new ScoreCamConfig(FLOOR_BATCH, 0), network.block()));
    }

    /**
     * Marks every parameter as requiring a gradient, as a DJL trainer does: the monitor explains
     * the network of a training in progress, whose forward passes record an autograd graph when
     * the thread's gradient mode is on.
     */
    static void requireGradients(Network network) {
        network.block().getParameters().values().stream().filter(Parameter::requiresGradient)
                .forEach(p -> p.getArray().setRequiresGradient(true));
    }

    /** The network of a scale label such as {@code resnet50v2-64}. */
    static Network build(String scale) {
        return architecture(scale).build(config(scale));
    }

    /** The number of channels at the primary CAM tap of a scale label's network. */
    static int channels(String scale) {
        Architecture architecture = architecture(scale);
        NetworkConfig config = config(scale);
        return (int) architecture.tapShapes(config).get(architecture.camTaps(config).primary()).get(0);
    }

    private static Architecture architecture(String scale) {
        return Architecture.fromLabel(scale.substring(0, scale.lastIndexOf('-')));
    }

    private static NetworkConfig config(String scale) {
        return NetworkConfig.demo(Integer.parseInt(scale.substring(scale.lastIndexOf('-') + 1)),
                NetworkConfig.DEMO_WIDTH_MULTIPLIER, 2);
    }

    static CamExplainer explainer(Network network, io.github.cscore.cam.CamTechnique scoreCam) {
        return CamExplainer.builder().setNetwork(network).optTechniques(Technique.SCORE_CAM)
                .optImplementation(scoreCam).build();
    }

    /** Exact Score-CAM as it is now, at its defaults. */
    @Benchmark
    public void scoreCam(Blackhole sink) {
        setGradMode();
        try (CamPass pass = current.run(image, new int[] {0})) {
            sink.consume(pass.maps(Technique.SCORE_CAM));
        }
    }

    /** Exact Score-CAM as it was before (batches of 32, NCHW, the caller's gradient mode). */
    @Benchmark
    public void reference(Blackhole sink) {
        setGradMode();
        try (CamPass pass = reference.run(image, new int[] {0})) {
            sink.consume(pass.maps(Technique.SCORE_CAM));
        }
    }

    /** The floor: one raw forward pass per channel, in batches of 32, NCHW. */
    @Benchmark
    public void floor(Blackhole sink) {
        setGradMode();
        for (int start = 0; start < channels; start += FLOOR_BATCH) {
            int size = Math.min(FLOOR_BATCH, channels - start);
            try (NDManager scope = manager.newSubManager()) {
                maskedBatch.tempAttach(scope);
                NDArray batch = maskedBatch;
                if (size < FLOOR_BATCH) {
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

    private void setGradMode() {
        JniUtils.setGradMode(callerGradMode.equals("on"));
    }

    /** Releases the arrays. */
    @TearDown
    public void tearDown() {
        manager.close();
    }
}
