package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The study end to end at the tiniest scale: the pretrained backbone, a healthy run and its
 * label-noise twin made by a worker process, the held-out evaluation at every checkpoint, the
 * summary, and a resume that redoes nothing.
 */
class StudyIT {

    private static final String[] TINY = {"--seeds", "3", "--scenarios", "healthy,label-noise", "--techniques",
        "gradcam", "--train-per-class", "60", "--evaluation-per-class", "6", "--finetune-epochs", "3",
        "--checkpoint-every-steps", "1", "--sample-per-class", "5", "--jobs", "1"};

    @Test
    void theStudyMakesItsRunsJudgesThemAndAResumeRedoesNothing(@TempDir Path out) throws Exception {
        CommandLineTest.Run first = study(out);

        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(Files.isRegularFile(out.resolve("backbones/findings-48px-60-s202.backbone")));
        Path healthy = out.resolve("runs/healthy-s3");
        Path noisy = out.resolve("runs/label-noise-s3");
        List<CheckpointResult> healthyCheckpoints = Timeline.read(healthy.resolve("timeline.jsonl")).checkpoints();
        List<CheckpointResult> noisyCheckpoints = Timeline.read(noisy.resolve("timeline.jsonl")).checkpoints();
        // 108 images in 4 batches of up to 32 an epoch, 4 epochs: a checkpoint after every step, 1 to 16
        assertEquals(16, healthyCheckpoints.size());
        assertEquals(List.of(1, 2, 3), healthyCheckpoints.subList(0, 3).stream().map(CheckpointResult::step).toList());
        assertEquals(Phase.TRANSFER, healthyCheckpoints.get(0).phase());
        assertEquals(Phase.FINETUNE, healthyCheckpoints.get(4).phase());
        assertEquals(16, Files.readAllLines(healthy.resolve("heldout.jsonl")).size(), "one held-out line per checkpoint");
        Properties run = new Properties();
        run.load(Files.newBufferedReader(noisy.resolve("run.properties")));
        assertEquals("8", run.getProperty("onset-step"), "one transfer and one fine-tuning epoch of 4 steps");
        // Until the onset the degrading run trains exactly as its healthy twin.
        for (int i = 0; i < 8; i++) {
            assertEquals(healthyCheckpoints.get(i).macroAuc(), noisyCheckpoints.get(i).macroAuc(), "checkpoint " + i);
            assertEquals(healthyCheckpoints.get(i).classes(), noisyCheckpoints.get(i).classes(), "checkpoint " + i);
        }
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(0).startsWith("run,scenario,seed,split,signal,kind"), csv.get(0));
        int signals = io.github.cscore.study.StudyResults.headlineSignals().size();
        assertEquals(1 + 2 * signals, csv.size(), "two runs by each headline signal: " + String.join("\n", csv));
        String markdown = Files.readString(out.resolve("summary.md"));
        assertTrue(markdown.contains("| default alerts | healthy | 1 |"), markdown);
        assertTrue(markdown.contains("| default alerts | label-noise | 1 |"), markdown);

        byte[] timelineBefore = Files.readAllBytes(noisy.resolve("timeline.jsonl"));
        CommandLineTest.Run second = study(out);

        assertEquals(0, second.status(), second.out() + second.err());
        assertTrue(second.out().contains("2 runs, 0 to make"), second.out());
        assertArrayEquals(timelineBefore, Files.readAllBytes(noisy.resolve("timeline.jsonl")));
        assertEquals(csv, Files.readAllLines(out.resolve("summary.csv")));
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
