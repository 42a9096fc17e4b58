package io.github.cscore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.examples.attach.AttachMonitor;
import io.github.cscore.examples.fashion.FashionMnist;
import io.github.cscore.examples.torchscript.TorchScriptBackbone;
import io.github.cscore.examples.transfer.TransferLearning;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs each program under examples/ on tiny settings and checks what it leaves behind. */
class ExamplesIT {

    @Test
    void attachMonitorWritesACheckpointPerEpoch(@TempDir Path out) throws Exception {
        String printed = printedBy(() -> AttachMonitor.main(new String[] {out.toString(), "2"}));

        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(1, 2), timeline.stream().map(CheckpointResult::epoch).toList());
        assertTrue(printed.contains("epoch 2: accuracy "), printed);
    }

    @Test
    void fashionMnistScoresRealPhotographs(@TempDir Path out) throws Exception {
        String printed = printedBy(() -> FashionMnist.main(new String[] {out.toString(), "1", "24", "Trouser,Bag"}));

        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(1, timeline.size());
        assertEquals(List.of("Trouser", "Bag"), timeline.get(0).classNames());
        assertTrue(printed.contains("epoch 1: AUC "), printed);
    }

    @Test
    void torchScriptBackboneIsExplainedAtBothTapsAcrossTheUnfreeze(@TempDir Path out) throws Exception {
        Path fixture = Path.of("src", "test", "resources", "torchscript");
        String printed = printedBy(() -> TorchScriptBackbone.main(new String[] {
            fixture.resolve("lower.pt").toString(), fixture.resolve("upper.pt").toString(), out.toString(), "1", "1"}));

        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), timeline.stream().map(CheckpointResult::phase).toList());
        assertTrue(timeline.stream().allMatch(c -> c.technique(Technique.MS_GRAD_CAM_PLUS_PLUS).isScored()), printed);
        assertTrue(printed.contains("epoch 2 (FINETUNE): accuracy "), printed);
    }

    @Test
    void transferLearningServesMetricsThroughBothPhases(@TempDir Path out) throws Exception {
        int port = freePort();
        CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> printedByUnchecked(
                () -> TransferLearning.main(new String[] {"-", out.toString(), Integer.toString(port), "1", "1", "32"})));

        String lastScrape = scrapeUntilDone(port, run);
        String printed = run.get(1, TimeUnit.SECONDS);

        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), timeline.stream().map(CheckpointResult::phase).toList());
        assertTrue(lastScrape.contains("cscore_checkpoints_total{"), lastScrape);
        assertTrue(lastScrape.lines().anyMatch(l -> l.startsWith("cscore_checkpoints_total{") && l.endsWith(" 2.0")),
                lastScrape);
        assertTrue(lastScrape.lines().anyMatch(l -> l.startsWith("cscore_training_active{") && l.endsWith(" 0.0")),
                "the last scrape sees training ended:\n" + lastScrape);
        assertTrue(printed.contains("metrics: http://127.0.0.1:" + port + "/metrics"), printed);
    }

    /** Scrapes /metrics while the program runs; the exporter waits for one scrape after the end. */
    private static String scrapeUntilDone(int port, CompletableFuture<String> run) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!run.isDone() && System.nanoTime() < deadline) {
            try {
                last = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException notYetServing) {
                // The program generates its data before it serves.
            }
            Thread.sleep(200);
        }
        return last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    interface Program {
        void run() throws Exception;
    }

    /** What the program prints on standard output (the examples print there, as users' programs do). */
    private static synchronized String printedBy(Program program) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String printedByUnchecked(Program program) {
        try {
            return printedBy(program);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
