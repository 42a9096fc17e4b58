package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@ExtendWith(EngineManagerExtension.class)
class NetworkWeightsTest {

    @TempDir
    Path dir;

    private NDManager manager;

    @BeforeEach
    void keepManager(NDManager manager) {
        this.manager = manager;
    }

    private Network network(Architecture architecture, NetworkConfig config, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Network network = architecture.build(config);
        network.initialize(manager);
        // Running statistics start at 0 and 1 everywhere: give them values a copy must carry over.
        for (Parameter p : network.backbone().getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                p.getArray().set(manager.randomUniform(0.5f, 1.5f, p.getShape()).toFloatArray());
            }
        }
        return network;
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, value) -> assertArrayEquals(value, actual.get(key), key));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void backboneRoundTripIsBitwiseAndLeavesTheHeadAlone(Architecture architecture) throws IOException {
        Network source = network(architecture, NetworkConfig.demo(), 1);
        Network target = network(architecture, NetworkConfig.demo(), 2);
        Map<String, float[]> headBefore = values(target.head());
        Path file = dir.resolve("backbone.params");

        source.saveBackbone(file);
        target.loadBackbone(file);

        assertSameValues(values(source.backbone()), values(target.backbone()));
        assertSameValues(headBefore, values(target.head()));
        assertFalse(java.util.Arrays.equals(values(source.head()).values().iterator().next(),
                headBefore.values().iterator().next()), "the two networks must start different");
    }

    @Test
    void backboneFitsAnotherInputSizeAndNumberOfClasses() throws IOException {
        Network source = network(Architecture.DENSENET201, NetworkConfig.demo(), 1);
        NetworkConfig other = NetworkConfig.builder().optInputSize(96).optNumClasses(3)
                .optWidthMultiplier(0.25f).optMaxBlocksPerStage(2).optStemDownsampling(false).build();
        Network target = network(Architecture.DENSENET201, other, 2);
        Path file = dir.resolve("backbone.params");

        source.saveBackbone(file);
        target.loadBackbone(file, manager);

        assertSameValues(values(source.backbone()), values(target.backbone()));
    }

    @Test
    void loadedParametersStayTrainable() throws IOException {
        Network source = network(Architecture.RESNET50_V2, NetworkConfig.demo(), 1);
        Network target = network(Architecture.RESNET50_V2, NetworkConfig.demo(), 2);
        Path file = dir.resolve("backbone.params");
        source.saveBackbone(file);

        target.loadBackbone(file);

        for (Parameter p : target.backbone().getParameters().values()) {
            assertEquals(p.requiresGradient(), p.getArray().hasGradient(), p.getName());
        }
        assertTrue(target.backbone().getParameters().values().stream().anyMatch(Parameter::requiresGradient));
    }

    @Test
    void rejectsABackboneOfAnotherArchitecture() throws IOException {
        Path file = dir.resolve("resnet.params");
        network(Architecture.RESNET50_V2, NetworkConfig.demo(), 1).saveBackbone(file);
        Network target = network(Architecture.DENSENET201, NetworkConfig.demo(), 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadBackbone(file));

        assertEquals("backbone file " + file + " holds a resnet50v2 backbone, but this network is densenet201",
                e.getMessage());
    }

    @Test
    void rejectsAnotherWidthAndChangesNothing() throws IOException {
        Path file = dir.resolve("half.params");
        NetworkConfig half = NetworkConfig.builder().optWidthMultiplier(0.5f).optInputSize(64)
                .optMaxBlocksPerStage(2).optStemDownsampling(false).build();
        network(Architecture.RESNET50_V2, half, 1).saveBackbone(file);
        Network target = network(Architecture.RESNET50_V2, NetworkConfig.demo(), 2);
        Map<String, float[]> before = values(target.block());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadBackbone(file));

        assertTrue(e.getMessage().contains("parameter 0 is 01conv1_weight (32, 3, 7, 7) in the file but "
                + "01conv1_weight (16, 3, 7, 7) here"), e.getMessage());
        assertSameValues(before, values(target.block()));
    }

    @Test
    void rejectsAnotherDepth() throws IOException {
        Path file = dir.resolve("deep.params");
        NetworkConfig deeper = NetworkConfig.builder().optWidthMultiplier(0.25f).optInputSize(64)
                .optBlocksPerStage(2, 2, 2, 3).optMaxBlocksPerStage(3).optStemDownsampling(false).build();
        network(Architecture.DENSENET201, deeper, 1).saveBackbone(file);
        Network target = network(Architecture.DENSENET201, NetworkConfig.demo(), 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadBackbone(file));

        // conv5 has a third layer in the file where this network already has its final BatchNorm
        assertTrue(e.getMessage().endsWith("parameter 100 is 08conv5_03block3_02new_01bn0_gamma (32) in the "
                + "file but 09bn_gamma (32) here"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotABackbone() throws IOException {
        Path file = dir.resolve("noise.params");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Network target = network(Architecture.INCEPTION_V3, NetworkConfig.demo(), 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadBackbone(file));

        assertTrue(e.getMessage().contains("is not a backbone file"), e.getMessage());
        assertFalse(e.getMessage().contains("Network."), "a command-line user never called a Java method: " + e.getMessage());
    }

    /** The conversion recipe of docs/models.md, step 2: arrays keyed by parameter name in an .npz file. */
    @Test
    void weightsFromAnNpzFileKeyedByParameterNameBecomeABackboneFile() throws IOException {
        Network source = network(Architecture.INCEPTION_V3, NetworkConfig.demo(), 1);
        NDList exported = new NDList();
        for (Pair<String, Parameter> p : source.backbone().getParameters()) {
            NDArray array = p.getValue().getArray().duplicate();
            array.setName(p.getKey());
            exported.add(array);
        }
        Path npz = dir.resolve("converted.npz");
        try (OutputStream out = Files.newOutputStream(npz)) {
            exported.encode(out, NDList.Encoding.NPZ);
        }
        Network network = Architecture.INCEPTION_V3.build(NetworkConfig.demo());
        Path backboneFile = dir.resolve("inceptionv3.backbone");

        // snippet: models-npz-to-backbone
        // network: e.g. Architecture.INCEPTION_V3.build(NetworkConfig.builder().optNumClasses(2).build())
        // npz: the file of step 1; backboneFile: where to save, e.g. Path.of("inceptionv3.backbone")
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            NDList arrays;
            try (InputStream in = Files.newInputStream(npz)) {
                arrays = NDList.decode(manager, in);
            }
            for (Pair<String, Parameter> p : network.backbone().getParameters()) {
                NDArray value = arrays.get(p.getKey());
                if (value == null || !value.getShape().equals(p.getValue().getShape())) {
                    throw new IllegalArgumentException("no array of shape " + p.getValue().getShape() + " for " + p.getKey());
                }
                p.getValue().getArray().set(value.toFloatArray());
            }
            network.saveBackbone(backboneFile);
        }
        // end-snippet

        Network fresh = network(Architecture.INCEPTION_V3, NetworkConfig.demo(), 3);
        fresh.loadBackbone(backboneFile);
        assertSameValues(values(source.backbone()), values(fresh.backbone()));
    }

    @Test
    void savingNeedsAnInitialisedNetwork() {
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());

        assertThrows(IllegalStateException.class, () -> network.saveBackbone(dir.resolve("x.params")));
        assertThrows(IllegalStateException.class, network::parameterCount);
    }
}
