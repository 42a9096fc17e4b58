package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.training.Trainer;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.storage.Sha256;
import io.github.cscore.testing.KilledWriter;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The snapshot saver under faults: a full disk, a read-only folder, a file where the folder should
 * be, and a saver killed at any point. Every snapshot in the folder is whole and listed with its
 * digest; a failed save leaves no partial file and training goes on.
 */
class SnapshotSaverFaultTest {

    @TempDir
    Path folder;
    private Model model;
    private Trainer trainer;

    @BeforeEach
    void setUp() {
        Network network = EvaluateFixtures.network();
        model = Model.newInstance("tiny");
        model.setBlock(network.block());
        network.initialize(model.getNDManager());
        trainer = mock(Trainer.class);
        when(trainer.getModel()).thenReturn(model);
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private SnapshotManifest manifest() {
        return new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, EvaluateFixtures.CLASSES,
                "tiny", "run", "tiny", SidecarEvaluatorTest.SCORING, Map.of());
    }

    /** Every parameter file is listed and matches its digest; listed epochs may lack a file only if it failed. */
    static void assertEverySnapshotWhole(Path snapshots, String prefix) throws IOException {
        SnapshotManifest manifest = SnapshotManifest.read(snapshots);
        List<SnapshotFolder.Snapshot> files = new SnapshotFolder(snapshots, prefix).list();
        for (SnapshotFolder.Snapshot snapshot : files) {
            assertEquals(manifest.sha256(snapshot.epoch()).orElseThrow(), Sha256.of(snapshot.file()),
                    snapshot.file() + " is whole and listed");
        }
        try (var leftovers = Files.list(snapshots.resolve(".saving"))) {
            assertTrue(leftovers.allMatch(path -> path.getFileName().toString().endsWith(".params")),
                    "only a save cut short by a kill leaves a file, in the staging folder");
        } catch (java.nio.file.NoSuchFileException e) {
            // no staging folder: nothing left
        }
    }

    @Test
    void aFullDiskIsCountedLeavesNoPartialFileAndEverySavedSnapshotWhole() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 4 << 20)) {
            Path snapshots = disk.root().resolve("snapshots");
            try (SnapshotSaver saver = SnapshotSaver.create(snapshots, manifest())) {
                saver.onEpoch(trainer);
                saver.onEpoch(trainer);
                disk.fill(0);

                saver.onEpoch(trainer);
                saver.onEpoch(trainer);

                assertEquals(2, saver.saved());
                assertEquals(2, saver.failures());
                assertEquals(List.of(1, 2), List.copyOf(SnapshotManifest.read(snapshots).saved().keySet()));
                assertEverySnapshotWhole(snapshots, "tiny");
                try (var staged = Files.list(snapshots.resolve(".saving"))) {
                    assertEquals(0, staged.count(), "no partial file");
                }
                disk.drain();
            }
        }
    }

    @Test
    void aReadOnlyFolderIsRefusedAtCreate() {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 1 << 20)) {
            disk.readOnly();

            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> SnapshotSaver.create(disk.root().resolve("snapshots"), manifest()));

            assertTrue(error.getMessage().contains("Read-only file system"), error.getMessage());
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefusedAndLeftAlone() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("snapshots"), "a file of the user's");

        assertThrows(UncheckedIOException.class, () -> SnapshotSaver.create(notAFolder, manifest()));

        assertEquals("a file of the user's", Files.readString(notAFolder));
    }

    @Test
    void aSaverKilledAtAnyPointLeavesEverySnapshotWholeAndListed() throws IOException {
        Random random = new Random(24);
        for (int kill = 0; kill < 3; kill++) {
            Path snapshots = folder.resolve("snapshots-" + kill);

            KilledWriter.killAtRandom("snapshots", snapshots, random, 800);

            assertEverySnapshotWhole(snapshots, "tiny");
        }
    }
}
