package io.github.cscore.data.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.KilledWriter;
import io.github.cscore.testing.SmallDisk;
import io.github.cscore.testing.WriterChild;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The phantom generator under faults: a full disk, a read-only folder, a file where the folder
 * should be, and a generator killed at any point. The data folder is whole or absent, never half
 * written, and a changed folder stays as it was until its replacement is complete.
 */
class ChestPhantomsFaultTest {

    @TempDir
    Path folder;

    @Test
    void aFullDiskLeavesNoDataFolderAndSaysWhy() {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 64 * 1024)) {
            Path root = disk.root().resolve("chest_xray");

            IOException error = assertThrows(IOException.class, () -> WriterChild.smallPhantoms().writeTo(root));

            assertTrue(error.getMessage().endsWith("No space left on device"), error.getMessage());
            assertFalse(Files.exists(root), "never half a data folder");
        }
    }

    @Test
    void aRegenerationOnAFullDiskKeepsTheChangedFolderAsItWas() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 2 << 20)) {
            Path root = disk.root().resolve("chest_xray");
            ChestPhantoms phantoms = WriterChild.smallPhantoms();
            phantoms.writeTo(root);
            Files.writeString(root.resolve(WriterChild.DAMAGED), "damaged");
            Map<String, String> before = FileTree.of(root);
            disk.fill(0);

            assertThrows(IOException.class, () -> phantoms.prepare(root, line -> { }));

            assertEquals(before, FileTree.of(root));
        }
    }

    @Test
    void aReadOnlyFolderIsLeftAlone() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 2 << 20)) {
            Path root = disk.root().resolve("chest_xray");
            WriterChild.smallPhantoms().writeTo(root);
            Files.writeString(root.resolve(WriterChild.DAMAGED), "damaged");
            Map<String, String> before = FileTree.of(root);
            disk.readOnly();

            IOException error = assertThrows(IOException.class,
                    () -> WriterChild.smallPhantoms().prepare(root, line -> { }));

            assertTrue(error.getMessage().contains("Read-only file system"), error.getMessage());
            assertEquals(before, FileTree.of(root));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefusedAndLeftAlone() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("chest_xray"), "a file of the user's");

        assertThrows(IllegalArgumentException.class, () -> WriterChild.smallPhantoms().prepare(notAFolder, line -> { }));

        assertEquals("a file of the user's", Files.readString(notAFolder));
    }

    @Test
    void aGeneratorKilledAtAnyPointLeavesAWholeFolderOrNone() throws IOException {
        Path root = folder.resolve("chest_xray");
        Random random = new Random(25);
        for (int kill = 0; kill < 3; kill++) {
            KilledWriter.killAtRandom("phantoms", root, random, 1500);

            if (Files.exists(root)) {
                List<String> changes = PhantomDigests.changes(root, (String) PhantomSettings.read(
                        root.resolve(ChestPhantoms.SETTINGS_FILE_NAME)).get(ChestPhantoms.CONTENT_DIGEST));
                assertTrue(changes.isEmpty() || changes.equals(List.of(WriterChild.DAMAGED
                        + " differs from what was generated")), "kill " + kill + ": " + changes);
            }
            List<String> said = new java.util.ArrayList<>();
            WriterChild.smallPhantoms().prepare(root, said::add);
            assertEquals(List.of(), PhantomDigests.changes(root, (String) PhantomSettings.read(
                    root.resolve(ChestPhantoms.SETTINGS_FILE_NAME)).get(ChestPhantoms.CONTENT_DIGEST)));
        }
    }
}
