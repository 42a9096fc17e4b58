package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.KilledWriter;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

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
    @Test
    void aReadOnlyFolderKeepsThePreviousTimeline() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 256 * 1024)) {
            Path file = disk.root().resolve("timeline.jsonl");
            writeRun(file, 1, 2);
            Map<String, String> before = FileTree.of(disk.root());
            disk.readOnly();

            UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> TimelineWriter.create(file));

            assertTrue(error.getMessage().startsWith("cannot open timeline " + file), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeFailsAndIsLeftAlone() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("out"), "a file of the user's");

        assertThrows(UncheckedIOException.class, () -> TimelineWriter.create(notAFolder.resolve("timeline.jsonl")));

        assertEquals("a file of the user's", Files.readString(notAFolder));
    }

    @Test
    void aWriterKilledAtAnyPointLeavesOneWholeRun() throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Random random = new Random(20);
        for (int kill = 0; kill < 4; kill++) {
            KilledWriter.killAtRandom("timeline", file, random, 400);

            Timeline read = Timeline.read(file); // one run, or the reader would refuse it
            List<Integer> epochs = read.checkpoints().stream().map(c -> c.epoch()).toList();
            assertFalse(epochs.isEmpty(), "a new run replaces the previous one only with a whole first record");
            assertEquals(IntStream.rangeClosed(1, epochs.size()).boxed().toList(), epochs, "kill " + kill);
        }
    }
}
