package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.monitor.CheckpointResult;
import io.github.cscore.monitor.Phase;
import io.github.cscore.monitor.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The main job end to end: phantoms, training with the monitor, table, timeline. */
class DemoCommandIT {

    @Test
    void demoTrainsWithTheMonitorAndWritesOneTimelineRecordPerEpoch(@TempDir Path out) {
        CommandLineTest.Run run = CommandLineTest.run("demo", "--out", out.toString(),
                "--train-per-class", "40", "--transfer-epochs", "1", "--finetune-epochs", "2",
                "--sample-per-class", "8", "--scorecam-top-k", "16", "--seed", "5");

        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isDirectory(out.resolve("chest_xray/train/PNEUMONIA")), "phantoms were generated");
        assertTrue(run.out().contains("epoch phase"), run.out());
        assertTrue(run.out().contains("% of the total"), run.out());
        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl"));
        assertEquals(List.of(1, 2, 3), timeline.stream().map(CheckpointResult::epoch).toList());
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                timeline.stream().map(CheckpointResult::phase).toList());
        assertTrue(timeline.stream().allMatch(CheckpointResult::isScored));
        assertEquals(16, timeline.get(0).sampleSize());
    }

    @Test
    void anUnknownTechniqueIsAOneLineError(@TempDir Path out) {
        CommandLineTest.Run run = CommandLineTest.run("demo", "--out", out.toString(), "--techniques", "gradcam,smoothgrad");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: unknown technique 'smoothgrad'"), run.err());
        assertTrue(Files.notExists(out.resolve("timeline.jsonl")), "nothing was written");
    }
}
