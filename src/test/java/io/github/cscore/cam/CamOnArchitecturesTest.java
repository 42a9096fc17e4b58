package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.Technique;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All six techniques on each of the paper's architectures at the demo scale: the taps each
 * architecture declares serve every technique (Inception's concatenated branches and DenseNet's
 * growing concatenations included), maps keep their promises, and nothing of the network changes.
 */
class CamOnArchitecturesTest {

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyTechniqueExplainsTheArchitectureWithoutChangingIt(Architecture architecture) {
        Engine.getInstance().setRandomSeed(61);
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = architecture.build(NetworkConfig.demo());
            network.initialize(manager);
            Map<String, float[]> before = parameters(network);
            NDArray images = manager.randomUniform(-1, 1, new Shape(2).addAll(network.inputShape()));
            CamExplainer explainer = CamExplainer.builder()
                    .setNetwork(network)
                    .optImplementation(new ScoreCam(new ScoreCamConfig(32, 16)))
                    .build();

            Map<Technique, CamMaps> maps = explainer.explain(images, new int[] {0, 1});

            assertEquals(Technique.builtIns().size(), maps.size());
            maps.forEach((technique, techniqueMaps) -> assertMapsInUnitRange(technique, techniqueMaps));
            Map<String, float[]> after = parameters(network);
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
        }
    }

    private static void assertMapsInUnitRange(Technique technique, CamMaps maps) {
        assertEquals(2, maps.size(), technique.toString());
        assertEquals(64, maps.height());
        assertEquals(64, maps.width());
        for (int i = 0; i < maps.size(); i++) {
            for (float value : maps.map(i)) {
                assertFalse(Float.isNaN(value), technique + ": NaN in map " + i);
                assertTrue(value >= 0 && value <= 1, technique + ": " + value + " outside [0, 1]");
            }
        }
    }

    private static Map<String, float[]> parameters(Network network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : network.block().getParameters()) {
            values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
