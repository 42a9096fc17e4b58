package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every technique promises, on a small convolutional network with random weights. */
@ExtendWith(EngineManagerExtension.class)
class CamTechniqueContractTest {

    private static final int SIZE = 20;
    private NDManager manager;
    private Network network;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, SIZE, 3, 51);
    }

    private CamExplainer explainer(Technique technique) {
        return CamExplainer.builder()
                .setNetwork(network)
                .optTechniques(technique)
                .optImplementation(new ScoreCam(new ScoreCamConfig(16, 0)))
                .build();
    }

    /** The paper's six techniques, for parameterised tests. */
    static java.util.stream.Stream<Technique> techniques() {
        return Technique.builtIns().stream();
    }

    private NDArray images(int n, int seed) {
        return manager.create(CamOracleTest.random(n * 3 * SIZE * SIZE, seed, -1, 1), new Shape(n, 3, SIZE, SIZE));
    }

    @ParameterizedTest
    @MethodSource("io.github.cscore.cam.CamTechniqueContractTest#techniques")
    void mapsHaveTheInputSizeAndValuesInZeroOneWithoutNaN(Technique technique) {
        CamMaps maps = explainer(technique).explain(images(3, 52), new int[] {0, 1, 2}).get(technique);

        assertEquals(3, maps.size());
        assertEquals(SIZE, maps.height());
        assertEquals(SIZE, maps.width());
        for (int i = 0; i < maps.size(); i++) {
            float[] map = maps.map(i);
            assertEquals(SIZE * SIZE, map.length);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float value : map) {
                assertFalse(Float.isNaN(value), "NaN in map " + i);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            assertTrue(min >= 0 && max <= 1, "values in [0, 1]");
            if (!maps.isFlat(i)) {
                assertEquals(0f, min, 1e-6f, "min-max scaled");
                assertEquals(1f, max, 1e-6f, "min-max scaled");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.cscore.cam.CamTechniqueContractTest#techniques")
    void aBlankInputGivesFlatMapsThatStayZeroAndAreCounted(Technique technique) {
        // No biases and fresh BatchNorm statistics: every activation of a zero image is zero.
        NDArray blank = manager.zeros(new Shape(2, 3, SIZE, SIZE));

        CamMaps maps = explainer(technique).explain(blank, new int[] {0, 1}).get(technique);

        assertEquals(2, maps.flatCount());
        for (int i = 0; i < 2; i++) {
            assertTrue(maps.isFlat(i));
            assertArrayEquals(new float[SIZE * SIZE], maps.map(i));
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.cscore.cam.CamTechniqueContractTest#techniques")
    void theSameInputsGiveTheSameMaps(Technique technique) {
        CamExplainer explainer = explainer(technique);

        CamMaps first = explainer.explain(images(2, 53), new int[] {1, 0}).get(technique);
        CamMaps second = explainer.explain(images(2, 53), new int[] {1, 0}).get(technique);

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(first.map(i), second.map(i));
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.cscore.cam.CamTechniqueContractTest#techniques")
    void explainingSomeImagesOfABatchGivesTheirMapsFromTheWholeBatch(Technique technique) {
        CamExplainer explainer = explainer(technique);
        NDArray batch = images(4, 54);
        int[] targets = {0, 1, 2, 1};

        try (CamPass pass = explainer.run(batch, targets)) {
            CamMaps all = pass.maps(technique);
            CamMaps some = pass.maps(technique, new int[] {3, 1}, () -> {});

            assertEquals(3, some.imageIndex(0));
            assertEquals(1, some.imageIndex(1));
            assertArrayEquals(all.map(3), some.map(0), 1e-6f);
            assertArrayEquals(all.map(1), some.map(1), 1e-6f);
        }
    }
}
