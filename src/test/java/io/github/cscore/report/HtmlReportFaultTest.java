package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.Technique;
import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.Results;
import io.github.cscore.testing.SmallDisk;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report writer under faults: a full disk, a read-only folder, a file where the folder should
 * be. The previous report stays whole, or the new one is complete.
 */
class HtmlReportFaultTest {

    @TempDir
    Path folder;

    /** A timeline outside the small disk: only the report is written there. */
    private Path timeline(int epochs) throws IOException {
        Path path = folder.resolve("run-" + epochs).resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(path)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                writer.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.9})
                        .scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0})
                        .epoch(epoch).build("run"));
            }
        }
        return path;
    }

    @Test
    void aFullDiskKeepsThePreviousReport() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 4 << 20)) {
            Path previous = HtmlReport.write(timeline(2), disk.root());
            Map<String, String> before = FileTree.of(disk.root());
            disk.fill(0);

            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> HtmlReport.write(timeline(3), disk.root()));

            assertEquals("cannot write the report into " + disk.root() + ": No space left on device", error.getMessage());
            assertEquals(before, FileTree.of(disk.root()), "the previous report, and no temporary file");
            assertTrue(Files.readString(previous).contains("2 checkpoints"));
        }
    }

    @Test
    void aReadOnlyFolderKeepsThePreviousReport() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 4 << 20)) {
            HtmlReport.write(timeline(2), disk.root());
            Map<String, String> before = FileTree.of(disk.root());
            disk.readOnly();

            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> HtmlReport.write(timeline(3), disk.root()));

            assertTrue(error.getMessage().endsWith(": Read-only file system"), error.getMessage());
            assertEquals(before, FileTree.of(disk.root()));
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsLeftAlone() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("out"), "a file of the user's");

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> HtmlReport.write(timeline(1), notAFolder));

        assertTrue(error.getMessage().startsWith("cannot write the report into " + notAFolder + ": "), error.getMessage());
        assertEquals("a file of the user's", Files.readString(notAFolder));
    }
    @Test
    void aWriterKilledAtAnyPointLeavesAWholeReport() throws IOException {
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.copy(timeline(2), folder.resolve("a.jsonl"));
        Files.copy(timeline(3), folder.resolve("b.jsonl"));
        List<String> whole = List.of(withoutWritingTime(HtmlReport.of(folder.resolve("a.jsonl")).html()),
                withoutWritingTime(HtmlReport.of(folder.resolve("b.jsonl")).html()));
        java.util.Random random = new java.util.Random(22);
        for (int kill = 0; kill < 3; kill++) {
            io.github.cscore.testing.KilledWriter.killAtRandom("report", out, random, 1500);

            String written = withoutWritingTime(Files.readString(out.resolve(HtmlReport.FILE_NAME)));
            assertTrue(whole.contains(written), "kill " + kill);
        }
    }

    /** The header says when the report was written, which differs between the writer and this test. */
    private static String withoutWritingTime(String html) {
        return html.replaceAll("written \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC", "written");
    }
}
