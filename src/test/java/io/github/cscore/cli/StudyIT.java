package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The study end to end on the tiniest settings: runs, timelines, summary, and a resume that redoes nothing. */
@ExtendWith(EngineManagerExtension.class)
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

    /**
     * A backbone file changes every run of the same seed: it replaced the random initialisation.
     * The file holds weights of another seed at the study's scale, as cscore pretrain would write.
     */
    @Test
    void aBackboneStartsEveryRunFromItsWeights(@TempDir Path folder, NDManager manager) throws Exception {
        Path backbone = folder.resolve("resnet50v2.backbone");
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo(32, 0.25f, 2));
        Engine.getInstance().setRandomSeed(99);
        network.initialize(manager);
        network.saveBackbone(backbone);
        String[] healthyOnly = {"--seeds", "3", "--scenarios", "healthy", "--techniques", "gradcam", "--tau-sweep",
            "none", "--input", "32", "--train-per-class", "40", "--sample-per-class", "8", "--transfer-epochs", "1",
            "--finetune-epochs", "2", "--collapse-after", "1"};
        CommandLineTest.Run random = CommandLineTest.run(concat(new String[] {"study", "--out",
            folder.resolve("random").toString()}, healthyOnly));
        CommandLineTest.Run loaded = CommandLineTest.run(concat(new String[] {"study", "--out",
            folder.resolve("loaded").toString(), "--backbone", backbone.toString()}, healthyOnly));

        assertEquals(0, random.status(), random.out() + random.err());
        assertEquals(0, loaded.status(), loaded.out() + loaded.err());
        String run = "runs/resnet50v2-phantoms-healthy-s3/timeline.jsonl";
        CheckpointResult first = Timeline.read(folder.resolve("random").resolve(run)).checkpoints().get(0);
        CheckpointResult fromBackbone = Timeline.read(folder.resolve("loaded").resolve(run)).checkpoints().get(0);
        assertTrue(first.macroAuc() != fromBackbone.macroAuc() || first.accuracy() != fromBackbone.accuracy(),
                "the same first checkpoint with and without the backbone: " + first.macroAuc());
        assertTrue(Files.readString(folder.resolve("loaded/summary.md")).contains("backbone: resnet50v2.backbone"));
    }

    @Test
    void aBackboneIsRefusedForSeveralArchitecturesOrWhenMissing(@TempDir Path out) throws Exception {
        Path backbone = Files.writeString(out.resolve("b.backbone"), "weights");
        CommandLineTest.Run two = CommandLineTest.run("study", "--out", out.resolve("s").toString(),
                "--architectures", "resnet50v2,densenet201", "--backbone", backbone.toString());
        CommandLineTest.Run missing = CommandLineTest.run("study", "--out", out.resolve("s").toString(),
                "--backbone", out.resolve("none.backbone").toString());

        assertEquals(2, two.status());
        assertEquals("cscore: --backbone holds the weights of one architecture, but --architectures names 2",
                two.err().strip());
        assertEquals(2, missing.status());
        assertEquals("cscore: --backbone " + out.resolve("none.backbone") + ": no such file (cscore pretrain writes one)",
                missing.err().strip());
        assertTrue(Files.notExists(out.resolve("s")));
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static CommandLineTest.Run study(Path out) {
        return CommandLineTest.run(concat(new String[] {"study", "--out", out.toString()}, TINY));
    }

}
