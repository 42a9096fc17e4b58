package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.NamedSequentialBlock;
import io.github.cscore.model.TappedModel;
import io.github.cscore.model.TappedPass;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14 on the network that crashed: a torchvision ResNet-50 (random weights, exported to
 * TorchScript by Debian's PyTorch at test time into target/) trained for a step and explained
 * through the project. Its down-sampling 1x1 stride-2 convolutions (512->1024 in layer3,
 * 1024->2048 in layer4) kill the JVM with SIGFPE without the remedy on the affected machines; under
 * the remedy the gradients must match Debian's PyTorch 1.13, whose oneDNN is not affected.
 */
class TorchvisionResNet50IT {

    private static final int SIZE = 224;
    private static final int[] TARGETS = {0, 1};
    private static final Path EXPORT = Path.of("target", "resnet50-torchscript");
    private static final Path SCRIPT = Path.of("src", "test", "python", "export_resnet50.py");
    private static final String PYTHON = "/usr/bin/python3";
    private static final CamTaps TAPS = new CamTaps("backbone/layer4", List.of("backbone/layer3", "backbone/layer4"));

    private final List<Model> pieces = new ArrayList<>();
    private NDManager manager;
    private Block network;
    private NDArray images;

    @BeforeAll
    static void exportWithDebianPyTorch() throws IOException, InterruptedException {
        if (EngineRemedy.isCacheTopologyHidden()) {
            assertTrue(EngineRemedy.isSafeIsaSet(), "this machine needs " + EngineRemedy.VARIABLE + "="
                    + EngineRemedy.SAFE_ISA + " (Maven profile engine-safe-isa), or the backward pass kills the JVM");
        }
        python("-c", "import torch, torchvision");
        python(SCRIPT.toString(), EXPORT.toString(), Integer.toString(SIZE));
    }

    @BeforeEach
    void load() throws IOException, MalformedModelException {
        manager = NDManager.newBaseManager();
        NamedSequentialBlock backbone = new NamedSequentialBlock()
                .add("stem", stage("stem", new Shape(512, SIZE / 8, SIZE / 8)))
                .add("layer3", stage("layer3", new Shape(1024, SIZE / 16, SIZE / 16)))
                .add("layer4", stage("layer4", new Shape(2048, SIZE / 32, SIZE / 32)));
        network = new NamedSequentialBlock().add("backbone", backbone).add("head", stage("head", new Shape(2)));
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
        images = manager.create(read("input.bin"), new Shape(2, 3, SIZE, SIZE));
    }

    @AfterEach
    void close() {
        pieces.forEach(Model::close);
        manager.close();
    }

    @Test
    void logitsAndTapGradientsMatchDebianPyTorch() throws IOException {
        TappedModel model = TappedModel.builder().setBlock(network)
                .addTap("layer3", "backbone/layer3").addTap("layer4", "backbone/layer4").build();

        TappedPass pass = model.forwardBackward(manager, images, TARGETS);

        // Measured here: 6e-5, 0.019 and 0 (layer4 is followed by pooling and fc only). Debian's
        // PyTorch in float32 is itself 0.015 off at layer3, where the gradient has crossed three
        // bottleneck blocks whose ReLU masks flip with rounding; the fault's errors at lower taps
        // are of order 0.25 to 1 (docs/engine.md).
        assertAgrees("logits", read("logits.bin"), pass.logits(), 1e-3);
        assertAgrees("layer3 gradients", read("layer3_gradient.bin"), pass.gradient("layer3"), 0.05);
        assertAgrees("layer4 gradients", read("layer4_gradient.bin"), pass.gradient("layer4"), 1e-5);
    }

    @Test
    void trainsAStepThroughBothDownSamplingConvolutionsAndIsExplainedAlikeBatchedOrOneByOne() {
        float[] downsampleBefore = parameter("layer3", "0.downsample.0.weight").toFloatArray();

        float loss = trainingStep();

        assertTrue(Float.isFinite(loss), "loss " + loss);
        float[] downsampleAfter = parameter("layer3", "0.downsample.0.weight").toFloatArray();
        assertFalse(Arrays.equals(downsampleBefore, downsampleAfter), "layer3's 512->1024 conv was updated");
        for (float value : downsampleAfter) {
            assertTrue(Float.isFinite(value));
        }
        Map<Technique, CamMaps> batched = explainer(false).explain(images, TARGETS);
        Map<Technique, CamMaps> oneByOne = explainer(true).explain(images, TARGETS);
        assertEquals(Technique.builtIns().size(), batched.size());
        batched.forEach((technique, maps) -> assertSameValidMaps(technique, maps, oneByOne.get(technique)));
    }

    private float trainingStep() {
        try (Model model = Model.newInstance("resnet50")) {
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(images.getShape());
                NDArray labels = manager.create(new float[] {0, 1});
                float loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(images));
                    NDArray value = trainer.getLoss().evaluate(new NDList(labels), predictions);
                    loss = value.getFloat();
                    collector.backward(value);
                }
                trainer.step();
                return loss;
            }
        }
    }

    private CamExplainer explainer(boolean oneImageAtATime) {
        return CamExplainer.builder().setBlock(network).setTaps(TAPS)
                .optImplementation(new ScoreCam(new ScoreCamConfig(2, 2)))
                .optOneImageAtATime(oneImageAtATime)
                .build();
    }

    private static void assertSameValidMaps(Technique technique, CamMaps maps, CamMaps reference) {
        // A map may legitimately be flat (every weighted activation negative), but not all of them.
        assertTrue(maps.flatCount() < TARGETS.length, technique + ": every map is flat");
        for (int i = 0; i < TARGETS.length; i++) {
            assertEquals(reference.isFlat(i), maps.isFlat(i), technique + " image " + i + " flat");
            float[] map = maps.map(i);
            float[] expected = reference.map(i);
            for (int p = 0; p < map.length; p++) {
                assertTrue(map[p] >= 0 && map[p] <= 1, technique + ": " + map[p] + " outside [0, 1]");
                assertEquals(expected[p], map[p], 1e-3, technique + " image " + i + " pixel " + p);
            }
        }
    }

    private TorchScriptStage stage(String name, Shape outputShape) throws IOException, MalformedModelException {
        Model piece = Model.newInstance(name, "PyTorch");
        pieces.add(piece);
        // Without trainParam DJL loads the weights as inference tensors, frozen for autograd.
        piece.load(EXPORT, name, Map.of("trainParam", "true"));
        return new TorchScriptStage(piece.getBlock(), outputShape);
    }

    private NDArray parameter(String stage, String name) {
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            if (parameter.getKey().contains(stage) && parameter.getKey().endsWith(name)) {
                return parameter.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + name + " in " + stage + ": " + network.getParameters().keys());
    }

    /** Relative L2 error against the double-precision reference. */
    private static void assertAgrees(String what, float[] expected, NDArray actual, double tolerance) {
        float[] values = actual.toFloatArray();
        assertEquals(expected.length, values.length, what);
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            difference += Math.pow(values[i] - expected[i], 2);
            norm += Math.pow(expected[i], 2);
        }
        double error = Math.sqrt(difference / norm);
        System.out.printf("%s: relative L2 error %.3g against double precision%n", what, error);
        assertTrue(error <= tolerance, what + ": relative L2 error " + error);
    }

    private static float[] read(String file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(EXPORT.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static void python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        String missing = "this test exports ResNet-50 with Debian's PyTorch: install the Debian packages"
                + " python3-torch and python3-torchvision (apt-get install python3-torch python3-torchvision)";
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(PYTHON + " not found; " + missing, e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish");
        }
        if (process.exitValue() != 0) {
            fail(command + " failed; " + (output.contains("ModuleNotFoundError") ? missing : "") + "\n" + output);
        }
    }
}
