package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A TorchScript feature extractor (two scripted stages with BatchNorm, made by
 * src/test/python/make_torchscript_fixture.py and committed under src/test/resources/torchscript)
 * under a DJL head: the project's maps against plain torch autograd, real gradients at both taps,
 * the monitor's purity, and training across the unfreeze.
 */
class TorchScriptBackboneTest {

    static final Path FIXTURE = Path.of("src", "test", "resources", "torchscript");
    private static final Shape INPUT = new Shape(3, 32, 32);
    private static final int[] TARGETS = {0, 1};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static Network network(NDManager manager) {
        // snippet: torchscript-network
        Network network = TorchScriptNetwork.builder()
                .setManager(manager)                              // a PyTorch manager; owns the weights
                .setInputShape(new Shape(3, 32, 32))
                .setNumClasses(2)                                 // the new head: pooling, dense
                .addStage("lower", FIXTURE.resolve("lower.pt"))   // tap backbone/lower (MS GradCAM++)
                .addStage("upper", FIXTURE.resolve("upper.pt"))   // tap backbone/upper (primary)
                .build();
        network.initialize(manager);                              // the head's parameters
        // end-snippet
        return network;
    }

    /** The network with the fixture's head weights, as the reference maps were computed with. */
    private Network referenceNetwork() throws IOException {
        Network network = network(manager);
        for (Pair<String, Parameter> parameter : network.head().getParameters()) {
            String file = parameter.getKey().endsWith("weight") ? "head_weight.bin" : "head_bias.bin";
            NDArray array = parameter.getValue().getArray();
            array.set(read(file));
        }
        return network;
    }

    @Test
    void gradCamAndLayerCamMatchTorchAutogradAndEveryTapHasARealGradient() throws IOException {
        Network network = referenceNetwork();
        NDArray images = manager.create(read("input.bin"), new Shape(2, 3, 32, 32));
        CamExplainer explainer = CamExplainer.builder().setNetwork(network)
                .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS).build();

        TappedPass pass = explainer.model().forwardBackward(manager, images, TARGETS);
        Map<Technique, CamMaps> maps = explainer.explain(images, TARGETS);

        assertArrayEquals(read("logits.bin"), pass.logits().toFloatArray(), 1e-4f, "logits");
        for (String tap : network.camTaps().all()) {
            assertTrue(pass.gradient(tap).abs().max().getFloat() > 0, tap + " has a non-zero gradient");
        }
        // Tolerance: min-max normalised maps within 1e-4 of torch's float64 maps (float32 here).
        assertMapsClose(read("gradcam.bin"), maps.get(Technique.GRAD_CAM), 1e-4);
        assertMapsClose(read("layercam.bin"), maps.get(Technique.LAYER_CAM), 1e-4);
        assertEquals(0, maps.get(Technique.MS_GRAD_CAM_PLUS_PLUS).flatCount());
    }

    @Test
    void explainingLeavesWeightsAndRunningStatisticsBitwiseUnchanged() throws IOException {
        Network network = referenceNetwork();
        NDArray images = manager.create(read("input.bin"), new Shape(2, 3, 32, 32));
        Map<String, float[]> before = state(network);

        CamExplainer.builder().setNetwork(network).build().explain(images, TARGETS);

        Map<String, float[]> after = state(network);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
    }

    @Test
    void buildNamesTheFileOrTapAtFault(@TempDir Path folder) throws IOException {
        Path garbage = Files.writeString(folder.resolve("garbage.pt"), "not a TorchScript archive");
        Path missing = folder.resolve("missing.pt");

        assertMessage(() -> single(garbage, INPUT), "garbage.pt", "failed to load");
        assertMessage(() -> single(missing, INPUT), "missing.pt", "no such file");
        assertMessage(() -> single(FIXTURE.resolve("flat.pt"), INPUT), "flat.pt", "4-D feature map");
        assertMessage(() -> single(FIXTURE.resolve("upper.pt"), INPUT), "upper.pt", "fails on an input");
        assertMessage(() -> TorchScriptNetwork.builder().setManager(manager).setInputShape(INPUT).setNumClasses(2)
                .addStage("lower", FIXTURE.resolve("lower.pt")).addStage("upper", FIXTURE.resolve("upper.pt"))
                .optTaps(new CamTaps("backbone/top", List.of("backbone/lower", "backbone/upper"))).build(),
                "backbone/top", "not the output of a TorchScript stage");
        assertMessage(() -> single(FIXTURE.resolve("lower.pt"), INPUT), "lower.pt", "lower tap");
    }

    private Network single(Path file, Shape input) {
        return TorchScriptNetwork.builder().setManager(manager).setInputShape(input).setNumClasses(2)
                .addStage("only", file).build();
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    /**
     * One frozen-backbone epoch, then fine-tuning (a trainer per phase): the monitor scores both
     * phases with real maps, the backbone's weights and running statistics change only once
     * unfrozen, and every parameter and statistic ends bitwise the same without the monitor.
     */
    @Test
    void trainsAcrossTheUnfreezeBitwiseTheSameWithAndWithoutTheMonitor() throws Exception {
        List<CheckpointResult> results = new ArrayList<>();

        Map<String, float[]> without = train(null);
        Map<String, float[]> with = train(results);

        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), results.stream().map(CheckpointResult::phase).toList());
        for (CheckpointResult result : results) {
            for (Technique technique : List.of(Technique.GRAD_CAM, Technique.LAYER_CAM,
                    Technique.MS_GRAD_CAM_PLUS_PLUS)) {
                assertTrue(result.technique(technique).isScored(),
                        technique + " at epoch " + result.epoch() + ": " + result.technique(technique).detail());
            }
        }
        assertEquals(without.keySet(), with.keySet());
        without.forEach((name, values) -> assertArrayEquals(values, with.get(name), name));
    }

    private Map<String, float[]> train(List<CheckpointResult> results) throws Exception {
        try (NDManager own = NDManager.newBaseManager("PyTorch"); Model model = Model.newInstance("ts", "PyTorch")) {
            Engine.getInstance().setRandomSeed(13);
            Network network = network(model.getNDManager());
            model.setBlock(network.block());
            Synthetic data = new Synthetic(own, 32);
            CScoreMonitor monitor = results == null ? null : CScoreMonitor.builder()
                    .setValidationData(data.labeled())
                    .setNetwork(network)
                    .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS,
                            Technique.EIGEN_CAM)
                    .optSamplePerClass(8)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(0.01f).optMinGoldSize(2).build())
                    .optSink(results::add)
                    .build();
            Map<String, float[]> initial = state(network);
            network.freezeBackbone(true);
            fit(model, monitor, data.training(), 1);
            Map<String, float[]> frozen = state(network);
            assertBackbone(initial, frozen, false);
            network.freezeBackbone(false);
            fit(model, monitor, data.training(), 1);
            Map<String, float[]> tuned = state(network);
            assertBackbone(frozen, tuned, true);
            return tuned;
        }
    }

    /**
     * Frozen: every backbone weight as before; fine-tuned: every one changed. The running
     * statistics change in both phases: a training step runs the module in train mode, as
     * PyTorch does, frozen weights or not (docs/models.md, "TorchScript backbones").
     */
    private static void assertBackbone(Map<String, float[]> before, Map<String, float[]> after, boolean tuned) {
        before.forEach((name, values) -> {
            if (name.startsWith("backbone")) {
                boolean statistics = name.contains("running");
                assertEquals(tuned || statistics, !java.util.Arrays.equals(values, after.get(name)), name + " changed");
            }
        });
    }

    private static void fit(Model model, CScoreMonitor monitor, ArrayDataset data, int epochs) throws Exception {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
        if (monitor != null) {
            config.addTrainingListeners(monitor);
        }
        try (Trainer trainer = model.newTrainer(config)) {
            Training.fit(trainer, epochs, data, null);
        }
    }

    /**
     * Every parameter of the network, and the running statistics of each TorchScript stage
     * (buffers, which DJL does not list as parameters), by name.
     */
    static Map<String, float[]> state(Network network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : network.block().getParameters()) {
            values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
        }
        for (Pair<String, ai.djl.nn.Block> stage : network.backbone().getChildren()) {
            TorchScriptBlock block = (TorchScriptBlock) stage.getValue();
            try (IValue stats = IValueUtils.runMethod(block.module(), "running_stats")) {
                try (NDManager scratch = NDManager.newBaseManager("PyTorch")) {
                    values.put("backbone/" + stage.getKey() + "/running_stats",
                            stats.toTensor((ai.djl.pytorch.engine.PtNDManager) scratch).toFloatArray());
                }
            }
        }
        return values;
    }

    private static void assertMapsClose(float[] expected, CamMaps maps, double tolerance) {
        int pixels = maps.height() * maps.width();
        double worst = 0;
        for (int i = 0; i < maps.size(); i++) {
            assertFalse(maps.isFlat(i), "map " + i + " is flat");
            float[] map = maps.map(i);
            for (int p = 0; p < pixels; p++) {
                worst = Math.max(worst, Math.abs(map[p] - expected[i * pixels + p]));
            }
        }
        System.out.printf("%s: max abs difference %.3g against torch autograd%n", maps.technique(), worst);
        assertTrue(worst <= tolerance, maps.technique() + ": max abs difference " + worst);
    }

    static float[] read(String file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(FIXTURE.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    /** Two classes a CNN separates in one epoch: a bright square top-left or bottom-right, plus noise. */
    private record Synthetic(float[][] images, int[] labels, NDManager manager) {
        Synthetic(NDManager manager, int count) {
            this(new float[count][], new int[count], manager);
            Random random = new Random(13);
            for (int i = 0; i < count; i++) {
                labels[i] = i % 2;
                float[] image = new float[3 * 32 * 32];
                for (int p = 0; p < image.length; p++) {
                    image[p] = (float) random.nextGaussian() * 0.3f;
                }
                int offset = labels[i] == 0 ? 4 : 20;
                for (int c = 0; c < 3; c++) {
                    for (int y = offset; y < offset + 8; y++) {
                        for (int x = offset; x < offset + 8; x++) {
                            image[c * 1024 + y * 32 + x] += 1.5f;
                        }
                    }
                }
                images[i] = image;
            }
        }

        ArrayDataset training() {
            float[] flat = new float[images.length * 3 * 32 * 32];
            float[] labelValues = new float[labels.length];
            for (int i = 0; i < images.length; i++) {
                System.arraycopy(images[i], 0, flat, i * images[i].length, images[i].length);
                labelValues[i] = labels[i];
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(flat, new Shape(images.length, 3, 32, 32)))
                    .optLabels(manager.create(labelValues))
                    .setSampling(8, false)
                    .build();
        }

        LabeledDataset labeled() {
            return LabeledDataset.fromArrays(images, labels, INPUT, List.of("top-left", "bottom-right"));
        }
    }
}
