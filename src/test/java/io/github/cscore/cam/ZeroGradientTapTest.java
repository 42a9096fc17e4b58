package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.NamedSequentialBlock;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * A tap whose gradient is identically zero is never turned into a map: every technique that reads
 * the gradient there fails, naming the tap, while the others still run.
 */
class ZeroGradientTapTest {

    private static final CamTaps TAPS = new CamTaps("backbone/upper", List.of("backbone/lower", "backbone/upper"));
    private static final int[] TARGETS = {0, 1};

    private NDManager manager;
    private NDArray images;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        images = manager.randomUniform(-1, 1, new Shape(2, 3, 32, 32));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aDetachedLowerTapFailsMultiScaleGradCamPlusPlusOnly() {
        Block cut = new LambdaBlock(x -> new NDList(x.singletonOrThrow().stopGradient()));
        NamedSequentialBlock backbone = new NamedSequentialBlock()
                .add("lower", conv(8))
                .add("cut", cut)
                .add("upper", conv(16));

        CamExplainer explainer = explainer(backbone, new Shape(1, 3, 32, 32));

        try (CamPass pass = explainer.run(images, TARGETS)) {
            assertTrue(pass.maps(Technique.GRAD_CAM).flatCount() < 2, "the upper tap is alive");
            assertEquals(2, pass.maps(Technique.EIGEN_CAM).size(), "no gradient needed");
        }
        assertFailsAt(explainer, Technique.MS_GRAD_CAM_PLUS_PLUS, "backbone/lower");
    }

    /** The monitor reports it as a skip with reason error, naming the tap; the other techniques score. */
    @Test
    void theMonitorSkipsTheTechniqueWithAnErrorNamingTheTap() {
        NamedSequentialBlock backbone = new NamedSequentialBlock()
                .add("lower", conv(8))
                .add("cut", new LambdaBlock(x -> new NDList(x.singletonOrThrow().stopGradient())))
                .add("upper", conv(16));
        Block root = explainer(backbone, new Shape(1, 3, 32, 32)).model().block();
        float[][] pictures = new float[40][];
        int[] labels = new int[40];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < pictures.length; i++) {
            pictures[i] = new float[3 * 32 * 32];
            for (int p = 0; p < pictures[i].length; p++) {
                pictures[i][p] = (float) random.nextGaussian();
            }
            labels[i] = i % 2;
        }
        try (ai.djl.Model model = ai.djl.Model.newInstance("cut", "PyTorch")) {
            model.setBlock(root);
            io.github.cscore.monitor.CScoreMonitor monitor = io.github.cscore.monitor.CScoreMonitor.builder()
                    .setValidationData(io.github.cscore.data.LabeledDataset.fromArrays(
                            pictures, labels, new Shape(3, 32, 32), List.of("a", "b")))
                    .setBlock(root, TAPS)
                    .optTechniques(Technique.GRAD_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS)
                    .optSamplePerClass(20)
                    // Any correct prediction is gold: an untrained network still gets some of each class.
                    .optCScore(io.github.cscore.score.CScoreConfig.builder().optGoldThreshold(0.01f)
                            .optMinGoldSize(2).build())
                    .build();

            io.github.cscore.result.CheckpointResult result = monitor
                    .scoreCheckpoint(model, 1, io.github.cscore.result.Phase.FINETUNE).orElseThrow();

            io.github.cscore.result.TechniqueResult multiScale = result.technique(Technique.MS_GRAD_CAM_PLUS_PLUS);
            assertEquals(io.github.cscore.result.SkipReason.ERROR, multiScale.skipReason());
            assertTrue(multiScale.detail().contains("'backbone/lower' is identically zero"), multiScale.detail());
            assertEquals(null, result.technique(Technique.GRAD_CAM).skipReason());
            monitor.close();
        }
    }

    /**
     * DJL's TorchScript block as it is, called for inference by the monitor's pass: no autograd,
     * so the lower tap's gradient is zero and MS GradCAM++ would silently return the GradCAM++
     * map of the upper tap. It fails instead.
     */
    @Test
    void aTorchScriptBlockRunWithoutAutogradFailsInsteadOfReturningTheUpperMap() {
        NamedSequentialBlock backbone = new NamedSequentialBlock()
                .add("lower", new AsDjlRunsIt(load("lower.pt"), new Shape(16, 16, 16)))
                .add("upper", new AsDjlRunsIt(load("upper.pt"), new Shape(32, 8, 8)));

        CamExplainer explainer = explainer(backbone, new Shape(1, 3, 32, 32));

        assertFailsAt(explainer, Technique.MS_GRAD_CAM_PLUS_PLUS, "backbone/lower");
        try (CamPass pass = explainer.run(images, TARGETS)) {
            // The tap at the last TorchScript output is added after it, so the head's gradient reaches it.
            assertEquals(2, pass.maps(Technique.GRAD_CAM).size());
        }
    }

    private void assertFailsAt(CamExplainer explainer, Technique technique, String tap) {
        try (CamPass pass = explainer.run(images, TARGETS)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pass.maps(technique));
            assertTrue(e.getMessage().contains("'" + tap + "' is identically zero"), e.getMessage());
        }
    }

    private CamExplainer explainer(Block backbone, Shape input) {
        NamedSequentialBlock head = new NamedSequentialBlock()
                .add("avg_pool", Pool.globalAvgPool2dBlock())
                .add("flatten", Blocks.batchFlattenBlock())
                .add("predictions", Linear.builder().setUnits(2).build());
        NamedSequentialBlock root = new NamedSequentialBlock().add("backbone", backbone).add("head", head);
        root.initialize(manager, DataType.FLOAT32, input);
        return CamExplainer.builder().setBlock(root).setTaps(TAPS).optTechniques(
                Technique.GRAD_CAM, Technique.EIGEN_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS).build();
    }

    private static Block conv(int filters) {
        return new NamedSequentialBlock()
                .add("conv", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters).build())
                .add("relu", Activation.reluBlock());
    }

    private PtSymbolBlock load(String file) {
        Path path = Path.of("src", "test", "resources", "torchscript", file).toAbsolutePath();
        return JniUtils.loadModule((PtNDManager) manager, path, false, new String[0], new String[0], true);
    }

    /** A PtSymbolBlock passed the caller's training flag, as a plain DJL SequentialBlock does. */
    private static final class AsDjlRunsIt extends AbstractBlock {
        private final Block module;
        private final Shape output;

        AsDjlRunsIt(PtSymbolBlock module, Shape output) {
            this.module = addChildBlock("module", module);
            this.output = output;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return module.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {new Shape(inputs[0].get(0)).addAll(output)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
    }
}
