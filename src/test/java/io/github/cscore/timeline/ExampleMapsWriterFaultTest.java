package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.KilledWriter;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The example-maps writer under faults: a full disk, a read-only folder, a file where the folder
 * should be, and a writer killed at any point. The previous run's maps stay whole until the new
 * run's first checkpoint is whole.
 */
class ExampleMapsWriterFaultTest {

    @TempDir
    Path folder;

    @Test
    void aNewRunOnAFullDiskKeepsThePreviousMapsWhole() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 256 * 1024)) {
            Path maps = disk.root().resolve("timeline-maps");
            ExampleMapsWriter previous = ExampleMapsWriter.create(maps);
            previous.accept(ExampleMapsWriterTest.checkpoint(1, 10));
            previous.accept(ExampleMapsWriterTest.checkpoint(2, 20));
            Map<String, String> before = FileTree.of(disk.root());
            disk.fill(0);

            ExampleMapsWriter next = ExampleMapsWriter.create(maps);
            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> next.accept(ExampleMapsWriterTest.checkpoint(1, 30)));

            assertTrue(error.getMessage().contains("No space left"), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()), "the previous run's maps, and nothing else");
            assertEquals(List.of(1, 2), List.copyOf(RecordedExampleMaps.read(maps).epochs().keySet()));
        }
    }
    @Test
    void aReadOnlyFolderKeepsThePreviousMaps() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 256 * 1024)) {
            Path maps = disk.root().resolve("timeline-maps");
            ExampleMapsWriter.create(maps).accept(ExampleMapsWriterTest.checkpoint(1, 10));
            Map<String, String> before = FileTree.of(disk.root());
            disk.readOnly();

            ExampleMapsWriter next = ExampleMapsWriter.create(maps);
            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> next.accept(ExampleMapsWriterTest.checkpoint(1, 30)));

            assertTrue(error.getMessage().contains("Read-only file system"), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsLeftAlone() throws Exception {
        Path notAFolder = java.nio.file.Files.writeString(folder.resolve("timeline-maps"), "a file of the user's");

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> ExampleMapsWriter.create(notAFolder).accept(ExampleMapsWriterTest.checkpoint(1, 10)));

        assertTrue(error.getMessage().endsWith(notAFolder + " is not a folder"), error.getMessage());
        assertEquals("a file of the user's", java.nio.file.Files.readString(notAFolder));
    }

    @Test
    void aWriterKilledAtAnyPointLeavesOneWholeRunOfMaps() {
        Path maps = folder.resolve("timeline-maps");
        Random random = new Random(21);
        for (int kill = 0; kill < 4; kill++) {
            KilledWriter.killAtRandom("maps", maps, random, 400);

            RecordedExampleMaps read = RecordedExampleMaps.read(maps);
            assertEquals(List.of(), read.problems(), "kill " + kill + ": every file of the folder is whole");
            assertTrue(read.run().orElseThrow().startsWith("run-"));
            assertEquals(2, read.images().size());
            assertTrue(List.of(List.of(1), List.of(1, 2)).contains(List.copyOf(read.epochs().keySet())),
                    read.epochs().keySet().toString());
        }
    }
}
