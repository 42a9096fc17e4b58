package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The timeline writer under faults: a full disk, a read-only folder, a file where a folder should
 * be, and a writer killed at any point. The previous run's timeline stays whole, or the new one is
 * complete up to its last record.
 */
class TimelineWriterFaultTest {

    @TempDir
    Path folder;

    private static void writeRun(Path file, int... epochs) throws Exception {
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            for (int epoch : epochs) {
                writer.accept(TimelineTest.result(epoch));
            }
        }
    }

    @Test
    void aNewRunOnAFullDiskKeepsThePreviousTimelineWhole() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 256 * 1024)) {
            Path file = disk.root().resolve("timeline.jsonl");
            writeRun(file, 1, 2, 3);
            byte[] previous = Files.readAllBytes(file);
            disk.fill(0);

            try (TimelineWriter writer = TimelineWriter.create(file)) {
                UncheckedIOException error = assertThrows(UncheckedIOException.class,
                        () -> writer.accept(TimelineTest.result(1)));

                assertTrue(error.getMessage().contains("No space left"), error.getMessage());
                assertEquals(1, writer.failedWrites());
            }

            assertArrayEquals(previous, Files.readAllBytes(file));
            assertEquals(List.of(1, 2, 3), Timeline.read(file).checkpoints().stream().map(c -> c.epoch()).toList());
            try (var files = Files.list(disk.root())) {
                assertEquals(List.of(".filler", "timeline.jsonl"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
            }
        }
    }
}
