package io.github.cscore.cli;

import static io.github.cscore.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.report.RunDescription;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.testing.Results;
import io.github.cscore.testing.SmallDisk;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
    void aBackgroundWorkerScoresScoreCamAtEveryEpochInATimelineOfItsOwn() throws IOException {
        Path out = folder.resolve("run");

        CommandLineTest.Run run = run("demo", "--out", out.toString(), "--input", "32", "--width", "0.125",
                "--train-per-class", "4", "--sample-per-class", "5", "--transfer-epochs", "1", "--finetune-epochs", "1",
                "--techniques", "gradcam,scorecam", "--metrics-port", "0", "--background-worker");

        assertEquals(0, run.status(), run.out() + run.err());
        List<CheckpointResult> live = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        List<CheckpointResult> background = Timeline.read(out.resolve("background/timeline.jsonl")).checkpoints();
        assertEquals(List.of(1, 2), background.stream().map(CheckpointResult::epoch).toList());
        assertTrue(background.stream().allMatch(c -> c.techniques().keySet().equals(Set.of(
                Technique.SCORE_CAM))), "Score-CAM alone in the background");
        assertTrue(live.stream().allMatch(c -> c.techniques().keySet().equals(Set.of(Technique.GRAD_CAM))),
                "Score-CAM left the live monitor");
        assertEquals(live.stream().map(CheckpointResult::phase).toList(), background.stream().map(CheckpointResult::phase).toList());
        assertTrue(run.out().contains("background worker: scorecam scored at 2 of 2 epochs (0 dropped, 0 failed)"),
                run.out());
        assertTrue(run.out().contains("background timeline: " + out.resolve("background/timeline.jsonl")
                .toAbsolutePath()), run.out());
    }

    @Test
    void aTimelineThatLostRecordsIsNamedInOneLineAndFailsTheRun() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        StringWriter text = new StringWriter();
        try (TimelineWriter timeline = TimelineWriter.create(full)) {
            assertThrows(UncheckedIOException.class, () -> timeline.accept(Results.classes(List.of("NORMAL",
                    "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.9}).build("demo")));

            int status = DemoRun.reportTimeline(new PrintWriter(text), "the background timeline", timeline);

            assertEquals(1, status);
        }
        assertEquals("cscore: the background timeline is INCOMPLETE: 1 of 1 records could not be written (No space "
                + "left on device)", text.toString().strip());
    }

    @Test
    void aBackgroundWorkerWithoutScoreCamIsAOneLineError() {
        CommandLineTest.Run run = run("demo", "--out", folder.resolve("run").toString(), "--techniques", "gradcam",
                "--background-worker");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --background-worker scores Score-CAM, but --techniques leaves it out",
                run.err().strip());
        assertFalse(Files.exists(folder.resolve("run")), "nothing written");
    }

    @Test
    void aBackgroundWorkerRefusesAScoreCamThatNeedsABackwardPass() {
        CommandLineTest.Run run = run("demo", "--out", folder.resolve("run").toString(), "--scorecam-top-k", "16",
                "--background-worker");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --background-worker runs Score-CAM without a backward pass, but --scorecam-top-k "
                + "chooses its channels by gradient: use 0, the exact method", run.err().strip());
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
