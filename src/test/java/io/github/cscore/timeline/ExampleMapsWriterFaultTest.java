package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
}
