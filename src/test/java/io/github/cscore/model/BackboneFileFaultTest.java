package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The backbone file under faults: a full disk, a read-only folder, a file where the folder should
 * be, and a file cut off or damaged after it was written. A good backbone is never replaced by a
 * bad one, and a bad one is refused in one line, before any parameter changes.
 */
@ExtendWith(EngineManagerExtension.class)
class BackboneFileFaultTest {

    /** ResNet50V2 topology at width 1/8, one unit per stage: a backbone file of about 200 KB. */
    private static final NetworkConfig TINY = NetworkConfig.builder().optInputSize(32).optNumClasses(2)
            .optWidthMultiplier(0.125f).optMaxBlocksPerStage(1).optStemDownsampling(false).build();

    @TempDir
    Path folder;
    private NDManager manager;

    @BeforeEach
    void keepManager(NDManager manager) {
        this.manager = manager;
    }

    private Network network() {
        return network(TINY);
    }

    private Network network(NetworkConfig config) {
        Network network = Architecture.RESNET50_V2.build(config);
        network.initialize(manager);
        return network;
    }

    private static List<float[]> values(Network network) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : network.backbone().getParameters().values()) {
            values.add(parameter.getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void aFullDiskKeepsAGoodBackbone() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 1 << 20)) {
            Path file = disk.root().resolve("backbone.params");
            network().saveBackbone(file);
            Map<String, String> before = FileTree.of(disk.root());
            disk.fill(0);
            // Four times the parameters: written in place, the file would be truncated, then cut off.
            Network wider = network(NetworkConfig.builder().optInputSize(32).optNumClasses(2).optWidthMultiplier(0.25f)
                    .optMaxBlocksPerStage(1).optStemDownsampling(false).build());

            IOException error = assertThrows(IOException.class, () -> wider.saveBackbone(file));

            assertTrue(error.getMessage().contains("No space left"), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()), "the good backbone, and no temporary file");
            network().loadBackbone(file);
        }
    }

    @Test
    void aReadOnlyFolderKeepsAGoodBackbone() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 1 << 20)) {
            Path file = disk.root().resolve("backbone.params");
            network().saveBackbone(file);
            Map<String, String> before = FileTree.of(disk.root());
            disk.readOnly();

            IOException error = assertThrows(IOException.class, () -> network().saveBackbone(file));

            assertTrue(error.getMessage().contains("Read-only file system"), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeFailsAndIsLeftAlone() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("out"), "a file of the user's");

        assertThrows(IOException.class, () -> network().saveBackbone(notAFolder.resolve("backbone.params")));

        assertEquals("a file of the user's", Files.readString(notAFolder));
    }

    @Test
    void aCutOffBackboneIsRefusedInOneLineAndChangesNothing() throws IOException {
        Path file = folder.resolve("backbone.params");
        network().saveBackbone(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        Network target = network();
        List<float[]> before = values(target);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> target.loadBackbone(file));

        assertEquals("backbone file " + file + " is cut off or damaged: its checksum does not match its content "
                + "(a save that did not finish, or a copy that was cut short?)", error.getMessage());
        List<float[]> after = values(target);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " unchanged");
        }
    }

    @Test
    void aBackboneCutInsideItsHeaderIsRefusedInOneLine() throws IOException {
        Path file = folder.resolve("backbone.params");
        network().saveBackbone(file);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 6));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> network().loadBackbone(file));

        assertEquals("backbone file " + file + " is cut off after 6 bytes (a save that did not finish?)",
                error.getMessage());
    }

    @Test
    void aFlippedByteIsRefused() throws IOException {
        Path file = folder.resolve("backbone.params");
        network().saveBackbone(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> network().loadBackbone(file));

        assertTrue(error.getMessage().startsWith("backbone file " + file + " is cut off or damaged"), error.getMessage());
    }
    @Test
    void aSaveKilledAtAnyPointLeavesAWholeBackbone() throws IOException {
        Path file = folder.resolve("backbone.params");
        java.util.Random random = new java.util.Random(23);
        for (int kill = 0; kill < 3; kill++) {
            List<String> digests = io.github.cscore.testing.KilledWriter.killAtRandom("backbone", file, random, 500)
                    .stream().filter(line -> line.startsWith("digest ")).map(line -> line.substring(7)).toList();

            assertEquals(2, digests.size());
            assertTrue(digests.contains(io.github.cscore.storage.Sha256.of(file)), "kill " + kill + ": a whole backbone");
            network().loadBackbone(file);
        }
    }
}
