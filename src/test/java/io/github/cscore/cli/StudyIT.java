package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.monitor.CheckpointResult;
import io.github.cscore.monitor.Phase;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The study end to end on the tiniest settings: runs, timelines, summary, and a resume that redoes nothing. */
class StudyIT {

    private static final String[] TINY = {"--seeds", "3", "--scenarios", "healthy,collapse", "--techniques", "gradcam",
        "--tau-sweep", "0.5", "--tau-techniques", "gradcam", "--input", "32", "--train-per-class", "40",
        "--sample-per-class", "8", "--transfer-epochs", "1", "--finetune-epochs", "2", "--collapse-after", "1"};

    @Test
    void theStudyWritesTimelinesAndASummaryAndAResumeRedoesNothing(@TempDir Path out) throws Exception {
        CommandLineTest.Run first = study(out);

        assertEquals(0, first.status(), first.out() + first.err());
        Path collapse = out.resolve("runs/resnet50v2-phantoms-collapse-s3");
        Path healthy = out.resolve("runs/resnet50v2-phantoms-healthy-s3");
        for (Path run : List.of(collapse, healthy)) {
            List<CheckpointResult> checkpoints = Timeline.read(run.resolve("timeline.jsonl")).checkpoints();
            assertEquals(List.of(1, 2, 3), checkpoints.stream().map(CheckpointResult::epoch).toList(), run.toString());
            assertEquals(Phase.TRANSFER, checkpoints.get(0).phase());
            assertEquals(3, Timeline.read(run.resolve("timeline-tau0.50.jsonl")).checkpoints().size());
            assertTrue(Files.isRegularFile(run.resolve("wall-seconds.txt")));
        }
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(0).startsWith("run,architecture,dataset,scenario,seed,signal,criterion"), csv.get(0));
        // Per run: gradcam and any, by alert and by C-Score drop; the collapse run also by new alert.
        assertEquals(1 + 2 * 4 + 2, csv.size(), String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("resnet50v2-phantoms-collapse-s3,") && l.contains(",gradcam,alert,")));
        String markdown = Files.readString(out.resolve("summary.md"));
        assertTrue(markdown.contains("## Early warning by alert"), markdown);
        assertTrue(markdown.contains("| collapse | gradcam | 1 |"), markdown);
        assertTrue(markdown.contains("### resnet50v2-phantoms-healthy-s3"), markdown);

        byte[] timelineBefore = Files.readAllBytes(collapse.resolve("timeline.jsonl"));
        CommandLineTest.Run second = study(out);

        assertEquals(0, second.status(), second.out() + second.err());
        assertEquals(2, second.out().split("complete already, not redone", -1).length - 1, second.out());
        assertArrayEquals(timelineBefore, Files.readAllBytes(collapse.resolve("timeline.jsonl")));
        assertEquals(csv, Files.readAllLines(out.resolve("summary.csv")));
    }

    @Test
    void aRunCutShortIsMadeAgain(@TempDir Path out) throws Exception {
        assertEquals(0, study(out).status());
        Path timeline = out.resolve("runs/resnet50v2-phantoms-healthy-s3/timeline.jsonl");
        List<String> lines = Files.readAllLines(timeline);
        Files.write(timeline, lines.subList(0, 1)); // only the first checkpoint, as after a crash

        CommandLineTest.Run again = study(out);

        assertEquals(0, again.status(), again.out() + again.err());
        assertTrue(again.out().contains("resnet50v2-phantoms-healthy-s3: done"), again.out());
        assertTrue(again.out().contains("resnet50v2-phantoms-collapse-s3: complete already"), again.out());
        assertEquals(3, Timeline.read(timeline).checkpoints().size());
    }

    @Test
    void aFolderWithAStudyOfOtherSettingsIsRefused(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("settings.txt"), "network: something else\n");

        CommandLineTest.Run run = study(out);

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: --out"), run.err());
        assertTrue(Files.notExists(out.resolve("runs")));
    }

    @Test
    void anUnknownScenarioIsOneLineNamingTheOption(@TempDir Path out) {
        CommandLineTest.Run run = CommandLineTest.run("study", "--out", out.toString(), "--scenarios", "exploding");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: --scenarios"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static CommandLineTest.Run study(Path out) {
        String[] args = new String[TINY.length + 3];
        args[0] = "study";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(TINY, 0, args, 3, TINY.length);
        return CommandLineTest.run(args);
    }
}
