package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

@ExtendWith(EngineManagerExtension.class)
class CamExplainerTest {

    private NDManager manager;
    private Network network;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, 16, 2, 61);
    }

    @Test
    void explainsWithAllSixTechniquesByDefault() {
        CamExplainer explainer = CamExplainer.builder().setNetwork(network).build();

        assertEquals(java.util.Set.copyOf(Technique.builtIns()), explainer.techniques());
        assertEquals(6, explainer.explain(manager.ones(new Shape(1, 3, 16, 16)), new int[] {1}).size());
    }

    /** The example of docs/cam-techniques.md, "Using it". */
    @Test
    void theDocumentedUsageGivesTheSameMapsInOneCallAsPassByPass() {
        NDArray images = manager.create(CamOracleTest.random(4 * 3 * 16 * 16, 62, -1, 1), new Shape(4, 3, 16, 16));
        int[] targets = {0, 1, 1, 0};

        // snippet: cam-usage
        // network: any initialised classifier with CAM taps; images: (N, 3, H, W); targets: N classes
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)                         // or setBlock(block) + setTaps(taps)
                .optTechniques(Technique.GRAD_CAM, Technique.SCORE_CAM)   // default: all six
                .optImplementation(new ScoreCam(new ScoreCamConfig(32, 0)))  // the default, new ScoreCam()
                .build();
        Map<Technique, CamMaps> maps = explainer.explain(images, targets);

        // Or one shared pass, then technique by technique, for some images only:
        float[][] logits;
        CamMaps scoreCam;
        try (CamPass pass = explainer.run(images, targets)) {
            logits = pass.logits();                          // Java arrays: they outlive the pass
            scoreCam = pass.maps(Technique.SCORE_CAM, new int[] {0, 3}, () -> {});
        }
        // end-snippet

        assertEquals(java.util.Set.of(Technique.GRAD_CAM, Technique.SCORE_CAM), maps.keySet());
        assertEquals(4, maps.get(Technique.GRAD_CAM).size());
        assertEquals(4, logits.length);
        assertEquals(2, logits[3].length);
        assertEquals(2, scoreCam.size());
        assertArrayEquals(maps.get(Technique.SCORE_CAM).map(0), scoreCam.map(0), 1e-5f);
        assertArrayEquals(maps.get(Technique.SCORE_CAM).map(3), scoreCam.map(1), 1e-5f);
    }

    @Test
    void rejectsImagesOfTheWrongShape() {
        CamExplainer explainer = CamExplainer.builder().setNetwork(network).build();
        NDArray wrong = manager.ones(new Shape(2, 1, 16, 16));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> explainer.explain(wrong, new int[] {0, 0}));

        assertEquals("input must have shape (N, 3, 16, 16) with N >= 1, but was (2, 1, 16, 16)", error.getMessage());
    }

    @Test
    void rejectsATargetClassOutOfRangeAlsoForGradientFreeTechniques() {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.EIGEN_CAM)
                .build();
        NDArray images = manager.ones(new Shape(1, 3, 16, 16));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> explainer.explain(images, new int[] {5}));

        assertEquals("target class must be in [0, 2), but was 5", error.getMessage());
    }

    @Test
    void rejectsAnUnknownTapAtBuildTime() {
        CamExplainer.Builder builder = CamExplainer.builder()
                .setBlock(network.block())
                .setTaps(new CamTaps("backbone/stage7", List.of("backbone/stage1", "backbone/stage7")));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().startsWith("unknown block path 'backbone/stage7'"), error.getMessage());
    }

    @Test
    void rejectsATechniqueThatIsNotEnabled() {
        CamExplainer explainer = CamExplainer.builder().setNetwork(network).optTechniques(Technique.GRAD_CAM).build();

        try (CamPass pass = explainer.run(manager.ones(new Shape(1, 3, 16, 16)), new int[] {0})) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> pass.maps(Technique.SCORE_CAM));

            assertEquals("technique scorecam is not enabled; enabled: [gradcam]", error.getMessage());
        }
    }

    @Test
    void rejectsAnImageIndexOutsideTheBatch() {
        CamExplainer explainer = CamExplainer.builder().setNetwork(network).optTechniques(Technique.GRAD_CAM).build();

        try (CamPass pass = explainer.run(manager.ones(new Shape(2, 3, 16, 16)), new int[] {0, 1})) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> pass.maps(Technique.GRAD_CAM, new int[] {2}, () -> {}));

            assertEquals("image index must be in [0, 2), but was 2", error.getMessage());
        }
    }

    @Test
    void aCustomImplementationReplacesTheDefaultOne() {
        CamTechnique constant = new CamTechnique() {
            @Override
            public Technique technique() {
                return Technique.GRAD_CAM;
            }

            @Override
            public List<NDArray> rawMaps(CamContext context) {
                return List.of(context.manager().ones(new Shape(context.targets().length, 4, 4)));
            }
        };
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(Technique.GRAD_CAM)
                .optImplementation(constant)
                .build();

        CamMaps maps = explainer.explain(manager.ones(new Shape(1, 3, 16, 16)), new int[] {0}).get(Technique.GRAD_CAM);

        assertEquals(1, maps.flatCount(), "a constant raw map carries no spatial evidence");
    }

    @Test
    void theTechniqueLabelsAreStableAndFoundByName() {
        assertEquals(List.of("gradcam", "gradcampp", "layercam", "eigencam", "scorecam", "msgradcampp"),
                Technique.builtIns().stream().map(Technique::label).toList());
        assertEquals(Technique.MS_GRAD_CAM_PLUS_PLUS, Technique.fromLabel("MS GradCAM++"));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Technique.fromLabel("smoothgrad"));
        assertTrue(error.getMessage().startsWith("unknown technique 'smoothgrad'"));
    }
}
