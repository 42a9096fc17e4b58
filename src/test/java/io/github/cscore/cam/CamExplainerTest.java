package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.List;

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

        assertEquals(EnumSet.allOf(Technique.class), explainer.techniques());
        assertEquals(6, explainer.explain(manager.ones(new Shape(1, 3, 16, 16)), new int[] {1}).size());
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
                java.util.Arrays.stream(Technique.values()).map(Technique::label).toList());
        assertEquals(Technique.MS_GRAD_CAM_PLUS_PLUS, Technique.fromLabel("MS GradCAM++"));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Technique.fromLabel("smoothgrad"));
        assertTrue(error.getMessage().startsWith("unknown technique 'smoothgrad'"));
    }
}
