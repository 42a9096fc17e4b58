package io.github.cscore.cli;

import static io.github.cscore.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.report.RunDescription;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.testing.Results;
import io.github.cscore.testing.SmallDisk;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code cscore demo}: what it says and returns when an output is missing or the run is stopped. */
class DemoCommandTest {

    @TempDir
    Path folder;

    @Test
    void aFileWhereTheMapsFolderGoesIsRefusedBeforeTraining() throws IOException {
        Path out = Files.createDirectories(folder.resolve("run"));
        Files.writeString(out.resolve("timeline-maps"), "not a folder");

        CommandLineTest.Run run = run("demo", "--out", out.toString(), "--input", "32", "--width", "0.125",
                "--train-per-class", "4", "--sample-per-class", "5", "--transfer-epochs", "1", "--finetune-epochs", "0",
                "--techniques", "gradcam", "--metrics-port", "0");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out: " + out.resolve("timeline-maps") + " is a file where the example maps' folder "
                + "goes; move or delete it", run.err().strip());
        assertFalse(Files.exists(out.resolve("timeline.jsonl")), "no training, no timeline");
        assertFalse(Files.exists(out.resolve("chest_xray")), "no phantoms generated");
    }

    @Test
    void mapsThatCouldNotBeWrittenFailTheDemoInOneLine() throws IOException {
        Path out = folder.resolve("run");
        // A mount point cannot be renamed aside (EBUSY): the maps folder cannot be replaced.
        try (SmallDisk busy = SmallDisk.mount(out.resolve("timeline-maps"), 64 * 1024)) {
            CommandLineTest.Run run = run("demo", "--out", out.toString(), "--input", "32", "--width", "0.125",
                    "--train-per-class", "4", "--sample-per-class", "5", "--transfer-epochs", "1",
                    "--finetune-epochs", "0", "--techniques", "gradcam", "--metrics-port", "0");

            assertEquals(1, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("cscore: the example maps in " + busy.root() + " are INCOMPLETE: the maps of 1 "
                    + "checkpoints could not be written"), run.out());
            assertTrue(run.out().contains("report: "), "the report is still written from what there is: " + run.out());
        }
    }

    @Test
    void theTechniqueTimeoutReachesTheMonitor() throws IOException {
        Path out = folder.resolve("run");

        // A nanosecond: no technique explains a batch in less, where the default gives it 300 s.
        CommandLineTest.Run run = run("demo", "--out", out.toString(), "--input", "32", "--width", "0.125",
                "--train-per-class", "4", "--sample-per-class", "5", "--transfer-epochs", "1", "--finetune-epochs", "0",
                "--techniques", "gradcam", "--metrics-port", "0", "--technique-timeout", "1e-9");

        assertEquals(0, run.status(), run.out() + run.err());
        Path timeline = out.resolve("timeline.jsonl");
        TechniqueResult gradCam = Timeline.read(timeline).checkpoints().get(0).technique(Technique.GRAD_CAM);
        assertEquals(SkipReason.TIMEOUT, gradCam.skipReason(), gradCam.toString());
        assertTrue(gradCam.detail().contains("exceeded its timeout"), gradCam.detail());
        assertTrue(RunDescription.besideTimeline(timeline).orElseThrow().settings().get("monitor")
                .endsWith(", technique timeout 1.0E-9 s"), "the report's header says it");
    }

    @Test
    void mapsThatFailedMakeTheRunFailWithOneLine() {
        StringWriter printed = new StringWriter();
        DemoRun demo = new DemoRun(null, new PrintWriter(printed));
        Path maps = folder.resolve("timeline-maps");

        assertEquals(0, demo.reportMaps(0, maps));
        assertEquals("", printed.toString());
        assertEquals(1, demo.reportMaps(3, maps));
        assertEquals("cscore: the example maps in " + maps + " are INCOMPLETE: the maps of 3 checkpoints could not be "
                + "written (the warning above says why)", printed.toString().strip());
    }

    @Test
    void anInterruptedRunSaysHowManyCheckpointsItsTimelineHoldsAndHowToReportThem() throws IOException {
        Path timeline = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(timeline)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                writer.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.9})
                        .scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0}).epoch(epoch)
                        .build("demo-r"));
            }
        }
        Files.writeString(timeline, "{\"cut off", java.nio.file.StandardOpenOption.APPEND);

        assertEquals("interrupted: " + timeline + " holds 2 complete checkpoints of run demo-r; make their report "
                + "with: cscore report " + timeline, DemoRun.interruptedLine(timeline, "demo-r"));
        assertEquals("interrupted before the first checkpoint: " + timeline + " holds none of run demo-new",
                DemoRun.interruptedLine(timeline, "demo-new"), "a previous run's checkpoints are not this run's");
        assertTrue(DemoRun.interruptedLine(folder.resolve("none.jsonl"), "demo-r").startsWith(
                "interrupted before the first checkpoint"));
    }
}
