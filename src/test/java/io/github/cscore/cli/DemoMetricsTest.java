package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.report.RunDescription;
import io.github.cscore.testing.Service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a tiny demo serves on /metrics: the alerts its engine fires (cscore_alert, for the
 * dashboard's firing-alerts panel), its sinks by their real names, and the software it ran with.
 * A learning rate of 1e30 makes the second checkpoint's logits non-finite, which fires
 * CScoreCheckpointDegenerate in a few seconds.
 */
class DemoMetricsTest {

    @Test
    void aDemoExportsItsAlertsItsSinksByNameAndItsBuild(@TempDir Path folder) throws Exception {
        int port = Service.freePort();
        String[] args = {"demo", "--out", folder.resolve("run").toString(), "--train-per-class", "8",
            "--transfer-epochs", "1", "--finetune-epochs", "1", "--sample-per-class", "5", "--learning-rate", "1e30",
            "--input", "32", "--width", "0.25", "--metrics-port", Integer.toString(port), "--run-name", "diverged-1"};
        CompletableFuture<CommandLineTest.Run> demo = CompletableFuture.supplyAsync(() -> CommandLineTest.run(args));

        String last = EvaluateCommandTest.scrapeUntilDone(port, demo);
        CommandLineTest.Run run = demo.get(60, TimeUnit.SECONDS);

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("alerts fired: 1"), run.out());
        Path timeline = folder.resolve("run/timeline.jsonl");
        RunDescription description = RunDescription.besideTimeline(timeline).orElseThrow();
        assertEquals("diverged-1", description.run());
        assertEquals("cscore demo", description.command());
        assertEquals("1.0E30 (Adam), batches of 32", description.settings().get("learning rate"));
        assertTrue(Files.readString(folder.resolve("run/report.html")).contains("<th>Command</th><td>cscore demo</td>"));
        assertTrue(last.contains("\ncscore_alert{class=\"\",model=\"resnet50v2\",rule=\"CScoreCheckpointDegenerate\","
                + "run=\"diverged-1\",technique=\"\"} 1.0"), last);
        List<String> sinks = last.lines().filter(line -> line.startsWith("cscore_sink_failures_total{"))
                .map(line -> line.replaceFirst(".*sink=\"([^\"]*)\".*", "$1")).sorted().toList();
        assertFalse(sinks.stream().anyMatch(sink -> sink.startsWith("sink-")), sinks.toString());
        assertTrue(sinks.containsAll(List.of("alerts", "progress", "prometheus", "results", "table", "timeline")),
                sinks.toString());
    }
}
