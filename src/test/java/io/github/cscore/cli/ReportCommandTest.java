package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ReportCommandTest {

    private static Path timeline(Path folder) throws IOException {
        Path path = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(path)) {
            writer.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {6, 7}, new double[] {0.9, 0.9})
                    .scored(Technique.GRAD_CAM, new double[] {0.6, 0.5}, new int[] {0, 0}).epoch(1).build("r"));
        }
        return path;
    }

    @Test
    void writesReportHtmlIntoTheFolderGiven(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("html");

        CommandLineTest.Run run = CommandLineTest.run("report", timeline(folder).toString(), "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(run.out().contains("wrote " + out.resolve("report.html")), run.out());
        assertTrue(run.out().contains("no example maps recorded"), run.out());
    }

    @Test
    void withoutOutTheReportGoesBesideTheTimeline(@TempDir Path folder) throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("report", timeline(folder).toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isRegularFile(folder.resolve("report.html")));
    }

    @Test
    void aMissingTimelineIsOneLineNamingItWithStatusTwo(@TempDir Path folder) {
        CommandLineTest.Run run = CommandLineTest.run("report", folder.resolve("absent.jsonl").toString());

        assertEquals(2, run.status());
        assertEquals("cscore: cannot use " + folder.resolve("absent.jsonl") + ": no such timeline file",
                run.err().strip());
    }

    @Test
    void aTimelineLinkedToADeviceIsRefusedInOneLineBeforeAnyOfItIsRead(@TempDir Path folder) throws IOException {
        Path link = Files.createSymbolicLink(folder.resolve("timeline.jsonl"), Path.of("/dev/full"));

        CommandLineTest.Run run = CommandLineTest.run("report", link.toString());

        assertEquals(2, run.status());
        assertEquals("cscore: cannot use " + link + ": not a regular file (a device or a pipe?)", run.err().strip());
        assertFalse(Files.exists(folder.resolve("report.html")));
    }

    @Test
    void aReportIntoADeviceSaysItIsNotAFolder(@TempDir Path folder) throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("report", timeline(folder).toString(), "--out", "/dev/null");

        assertEquals(2, run.status());
        assertEquals("cscore: cannot use /dev/null: not a folder", run.err().strip());
    }

    @Test
    void aMalformedTimelineIsOneLineNamingFileAndLineWithStatusTwo(@TempDir Path folder) throws IOException {
        Path bad = Files.writeString(folder.resolve("bad.jsonl"), "{\"schema\":2,\"record\":\"checkpoint\"}\n");

        CommandLineTest.Run run = CommandLineTest.run("report", bad.toString());

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: timeline " + bad + " line 1 is malformed"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(folder.resolve("report.html")));
    }

    @Test
    void aTimelineWithoutCheckpointsIsRefusedWithStatusTwo(@TempDir Path folder) throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.jsonl"), "");

        CommandLineTest.Run run = CommandLineTest.run("report", empty.toString());

        assertEquals(2, run.status());
        assertTrue(run.err().contains("empty.jsonl has no checkpoint record"), run.err());
    }
}
