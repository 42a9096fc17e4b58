package io.github.cscore.cli;

import static io.github.cscore.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;

import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.evaluate.SnapshotManifest;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.report.RunDescription;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code cscore evaluate}: one-line errors with status 2, and a run that writes the timeline. */
class EvaluateCommandTest {

    private static final NetworkConfig CONFIG = NetworkConfig.builder().optInputSize(32).optNumClasses(2)
            .optWidthMultiplier(0.125f).optMaxBlocksPerStage(1).optStemDownsampling(false).build();

    @TempDir
    Path folder;

    private Path manifestOnly() throws IOException {
        Path checkpoints = folder.resolve("checkpoints");
        new SnapshotManifest(Architecture.RESNET50_V2, CONFIG, ChestPhantoms.CLASS_NAMES, "tiny", "r", "tiny",
                new ScoringSettings(List.of(Technique.GRAD_CAM, Technique.EIGEN_CAM), 5, 10, 1,
                        CScoreConfig.builder().optGoldThreshold(0.5f).build(),
                        ScoringSettings.ofDefaults().scoreCam(), null),
                Map.of()).write(checkpoints);
        return checkpoints;
    }

    private Path phantoms() throws IOException {
        Path data = folder.resolve("chest_xray");
        ChestPhantoms.builder().optSeed(1).optImageSize(64)
                .optImagesPerClass(KermanyFolder.TRAIN, 12)
                .optImagesPerClass(KermanyFolder.TEST, 2)
                .build().writeTo(data);
        return data;
    }

    @Test
    void aMissingSnapshotFolderIsOneLineWithStatusTwo() {
        Path missing = folder.resolve("nowhere");

        CommandLineTest.Run run = run("evaluate", missing.toString(), "--data", folder.toString());

        assertEquals(2, run.status());
        assertEquals("cscore: CHECKPOINT_DIR " + missing + " does not exist", run.err().strip());
    }

    @Test
    void dataMustBeGivenOneWay() throws IOException {
        Path checkpoints = manifestOnly();

        CommandLineTest.Run run = run("evaluate", checkpoints.toString());

        assertEquals(2, run.status());
        assertEquals("cscore: evaluate needs either --data DIR or --fashion-mnist with two classes, but had no --data "
                + "and no --fashion-mnist", run.err().strip());
    }

    @Test
    void aFolderWithoutManifestIsOneLineWithStatusTwo() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));

        CommandLineTest.Run run = run("evaluate", empty.toString(), "--data", folder.toString());

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: no cscore-snapshots.json in " + empty + ": "), run.err());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
    }

    @Test
    void aFolderWithoutCheckpointsAndACorruptCheckpointAreOneLineErrors() throws IOException {
        Path checkpoints = manifestOnly();
        Path data = phantoms();

        CommandLineTest.Run empty = run("evaluate", checkpoints.toString(), "--data", data.toString());
        Path bogus = checkpoints.resolve("tiny-0003.params");
        Files.writeString(bogus, "DJL@");
        CommandLineTest.Run corrupt = run("evaluate", checkpoints.toString(), "--data", data.toString());

        assertEquals(2, empty.status());
        assertEquals("cscore: no snapshots (tiny-NNNN.params) in " + checkpoints, empty.err().strip());
        assertEquals(2, corrupt.status());
        assertEquals("cscore: snapshot " + bogus + " is cut off (a save that did not finish?)", corrupt.err().strip());
    }

    /** Two checkpoints of an untrained network, saved out of order (epoch 2 first). */
    private Path twoCheckpoints() throws IOException {
        Path checkpoints = manifestOnly();
        Network network = Architecture.RESNET50_V2.build(CONFIG);
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            for (int epoch : new int[] {2, 1}) {
                model.setProperty("Epoch", Integer.toString(epoch));
                model.save(checkpoints, "tiny");
            }
        }
        return checkpoints;
    }

    @Test
    void checkpointsOfAKermanyRunAreScoredIntoATimeline() throws IOException {
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        Path out = folder.resolve("out");

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(1, 2), timeline.stream().map(CheckpointResult::epoch).toList());
        assertTrue(run.out().contains("scored 2 checkpoints of " + checkpoints), run.out());
        String first = run.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("run evaluate-\\d{8}-\\d{6}-[0-9a-f]{4}: scoring the checkpoints of run r in .*"), first);
        assertTrue(timeline.stream().allMatch(c -> c.run().equals(first.split("[ :]")[1])), "a run name of its own");
        assertEquals("cscore evaluate", RunDescription.besideTimeline(out.resolve("timeline.jsonl")).orElseThrow()
                .command());
        assertFalse(run.out().contains("Exception"), run.out());
    }

    @Test
    void theTechniqueTimeoutReachesTheMonitor() throws IOException {
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        Path out = folder.resolve("out");

        // A nanosecond: no technique explains a batch in less, where the default gives it 300 s.
        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", out.toString(), "--technique-timeout", "1e-9");

        assertEquals(0, run.status(), run.out() + run.err());
        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(2, timeline.size());
        for (CheckpointResult checkpoint : timeline) {
            for (TechniqueResult technique : checkpoint.techniques().values()) {
                assertEquals(SkipReason.TIMEOUT, technique.skipReason(), technique.toString());
                assertTrue(technique.detail().contains("exceeded its timeout"), technique.detail());
            }
        }
        assertTrue(RunDescription.besideTimeline(out.resolve("timeline.jsonl")).orElseThrow().settings().get("monitor")
                .endsWith(", technique timeout 1.0E-9 s"), "the report's header says it");
    }

    @Test
    void aTimelineThatCouldNotBeWrittenFailsTheEvaluationInOneLine() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        Path out = Files.createDirectories(folder.resolve("out"));
        Path timeline = Files.createSymbolicLink(out.resolve("timeline.jsonl"), full);

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", out.toString());

        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().matches("cscore: the timeline " + java.util.regex.Pattern.quote(timeline.toString())
                + " is INCOMPLETE: (\\d+) of \\1 records could not be written \\(No space left on device\\)\\R"),
                run.err());
    }

    @Test
    void followingUntilTheTimeoutWithoutACheckpointFailsInOneLine() throws IOException {
        Path checkpoints = manifestOnly();
        Path data = phantoms();

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(), "--follow",
                "--follow-timeout", "0.3", "--poll-interval", "0.1");

        assertEquals(1, run.status(), run.out() + run.err());
        assertEquals("cscore: no checkpoint was scored: --follow-timeout (0.3 s) ran out before a checkpoint appeared in "
                + checkpoints, run.err().strip());
    }

    @Test
    void anOutFolderHoldingADemoRunIsRefusedAndLeftAsItWas() throws IOException {
        Path checkpoints = manifestOnly();
        Path data = phantoms();
        Path demo = Files.createDirectories(folder.resolve("demo"));
        Path timeline = Files.writeString(demo.resolve("timeline.jsonl"), "{\"a demo's record\": 1}\n");
        Path description = RunDescription.startingNow("demo-r", "cscore demo", Map.of()).writeBeside(timeline);
        String before = Files.readString(description);
        Files.writeString(demo.resolve("report.html"), "<html></html>");
        Files.createDirectories(demo.resolve("timeline-maps"));

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", demo.toString());

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + demo + " holds the timeline of a cscore demo run (demo-r) with its report.html "
                + "and timeline-maps/, which this evaluation would replace; choose another --out (default: "
                + "<CHECKPOINT_DIR>/evaluation)", run.err().strip());
        assertEquals("{\"a demo's record\": 1}\n", Files.readString(timeline));
        assertEquals(before, Files.readString(description), "the demo's description is not replaced either");
    }

    @Test
    void anOutFolderHoldingAnEvaluationOfOtherCheckpointsIsRefused() throws IOException {
        Path checkpoints = manifestOnly();
        Path data = phantoms();
        Path out = Files.createDirectories(folder.resolve("out"));
        Path timeline = Files.writeString(out.resolve("timeline.jsonl"), "{}\n");
        RunDescription.startingNow("evaluate-r", "cscore evaluate", Map.of("checkpoints", "/elsewhere (of run x)"))
                .writeBeside(timeline);

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", out.toString());

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + " holds an evaluation of other checkpoints (/elsewhere (of run x)), which "
                + "this evaluation would replace; choose another --out (default: <CHECKPOINT_DIR>/evaluation)",
                run.err().strip());
    }

    @Test
    void anEarlierEvaluationOfTheSameCheckpointsIsReplaced() throws IOException {
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        Path out = folder.resolve("out");
        String[] args = {"evaluate", checkpoints.toString(), "--data", data.toString(), "--out", out.toString()};
        assertEquals(0, run(args).status());

        CommandLineTest.Run again = run(args);

        assertEquals(0, again.status(), again.out() + again.err());
        String run = again.out().lines().findFirst().orElseThrow().split("[ :]")[1];
        assertTrue(Timeline.read(out.resolve("timeline.jsonl")).checkpoints().stream()
                .allMatch(c -> c.run().equals(run)), "the second evaluation's timeline");
    }

    @Test
    void everyPushFailingFailsTheEvaluationNamingTheGateway() throws IOException {
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String gateway = "http://127.0.0.1:" + port;

        CommandLineTest.Run run = run("evaluate", checkpoints.toString(), "--data", data.toString(),
                "--out", folder.resolve("out").toString(), "--pushgateway", gateway);

        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().matches("cscore: every push to the Pushgateway failed: \\d+ pushes to "
                + java.util.regex.Pattern.quote(gateway) + " \\(--pushgateway\\)\\R"), run.err());
    }

    @Test
    void metricsPortServesTheLastCheckpointUntilScrapedAfterTheEnd() throws Exception {
        Path checkpoints = twoCheckpoints();
        Path data = phantoms();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] args = {"evaluate", checkpoints.toString(), "--data", data.toString(), "--metrics-port",
                Integer.toString(port), "--run-name", "eval-r"};
        CompletableFuture<CommandLineTest.Run> evaluation = CompletableFuture.supplyAsync(() -> run(args));

        String last = scrapeUntilDone(port, evaluation);
        CommandLineTest.Run run = evaluation.get(5, TimeUnit.SECONDS);

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("serving metrics on http://127.0.0.1:" + port + "/metrics"), run.out());
        assertTrue(last.lines().anyMatch(line -> line.startsWith("cscore_epoch{") && line.endsWith(" 2.0")), last);
        assertTrue(last.lines().anyMatch(line -> line.startsWith("cscore_checkpoints_total{")
                && line.contains("run=\"eval-r\"") && line.endsWith(" 2.0")), last);
        List<String> sinks = last.lines().filter(line -> line.startsWith("cscore_sink_failures_total{"))
                .map(line -> line.replaceFirst(".*sink=\"([^\"]*)\".*", "$1")).sorted().toList();
        assertEquals(List.of("alerts", "prometheus", "table", "timeline"), sinks, "sinks by their real names");
    }

    /** Scrapes until the command ends; the exporter keeps serving until one scrape after the end. */
    static String scrapeUntilDone(int port, CompletableFuture<?> command) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!command.isDone() && System.nanoTime() < deadline) {
            try {
                last = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException notServingYet) {
                // The data are read and the network built before serving starts.
            }
            Thread.sleep(100);
        }
        return last;
    }
}
