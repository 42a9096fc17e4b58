package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Phase;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The main job end to end: phantoms, training with the monitor, table, timeline. */
class DemoCommandIT {

    private static final String SCHEDULED_OUT = "scheduled_out";

    @Test
    void demoTrainsWithTheMonitorAndWritesOneTimelineRecordPerEpoch(@TempDir Path out) {
        int port = freePort();
        MetricsWatcher metrics = MetricsWatcher.start(port);
        CommandLineTest.Run run = CommandLineTest.run("demo", "--out", out.toString(),
                "--train-per-class", "40", "--transfer-epochs", "1", "--finetune-epochs", "2",
                "--sample-per-class", "8", "--scorecam-top-k", "16", "--seed", "5", "--metrics-port", String.valueOf(port),
                "--save-checkpoints");
        String lastScrape = metrics.stop();

        assertEquals(0, run.status(), run.err());
        String runName = run.out().lines().findFirst().orElseThrow().replaceFirst("^run (\\S+): .*", "$1");
        assertTrue(runName.matches("demo-\\d{8}-\\d{6}-[0-9a-f]{4}"), "the first line names the run: " + run.out());
        assertTrue(run.out().contains("serving metrics on http://127.0.0.1:" + port + "/metrics"), run.out());
        assertTrue(lastScrape.contains("cscore_epoch{"), "/metrics was served while training: " + lastScrape);
        assertTrue(lastScrape.contains("run=\"" + runName + "\""), lastScrape);
        assertFalse(lastScrape.contains("sink=\"sink-"), "sinks by their real names: " + lastScrape);
        for (String sink : List.of("results", "table", "progress", "timeline", "alerts", "prometheus")) {
            assertTrue(lastScrape.contains("sink=\"" + sink + "\""), sink + " in " + lastScrape);
        }
        int fired = Integer.parseInt(run.out().replaceFirst("(?s).*alerts fired: (\\d+).*", "$1"));
        assertEquals(fired > 0, lastScrape.contains("\ncscore_alert{"), "the engine's alerts are exported: " + run.out());
        assertTrue(lastScrape.contains("cscore_training_active{") , lastScrape);
        assertTrue(run.out().contains("alerts fired: "), run.out());
        assertTrue(Files.isDirectory(out.resolve("chest_xray/train/PNEUMONIA")), "phantoms were generated");
        assertTrue(run.out().contains("epoch phase"), run.out());
        assertTrue(run.out().contains("% of that time (budget 10%)"), run.out());
        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(1, 2, 3), timeline.stream().map(CheckpointResult::epoch).toList());
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                timeline.stream().map(CheckpointResult::phase).toList());
        assertTrue(timeline.stream().allMatch(CheckpointResult::isScored));
        assertTrue(timeline.stream().allMatch(c -> c.run().equals(runName)), "the timeline carries the run name");
        assertEquals(16, timeline.get(0).sampleSize());
        assertTrue(Files.isRegularFile(out.resolve("report.html")), run.out());
        assertTrue(run.out().contains("report: " + out.resolve("report.html").toAbsolutePath()), run.out());
        assertTrue(Files.isDirectory(out.resolve("timeline-maps/epoch-0003")), "example maps of the last checkpoint");
        assertEvaluateScoresTheSavedCheckpointsAlike(out);
    }

    /** The sidecar evaluator, given the demo's checkpoints and data, writes the demo's numbers. */
    private static void assertEvaluateScoresTheSavedCheckpointsAlike(Path out) {
        Path evaluated = out.resolve("evaluated");
        CommandLineTest.Run evaluate = CommandLineTest.run("evaluate", out.resolve("checkpoints").toString(),
                "--data", out.resolve("chest_xray").toString(), "--out", evaluated.toString());

        assertEquals(0, evaluate.status(), evaluate.err());
        try {
            assertSameScores(withoutTimes(out.resolve("timeline.jsonl")), withoutTimes(evaluated.resolve("timeline.jsonl")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Guards reproducibility across the unfreeze, which needs a fresh optimiser per phase (see
     * docs/monitor.md, "Phases"): with one Adam across both phases every epoch after the switch
     * differs between runs.
     */
    @Test
    void theSameDemoTwiceWritesTheSameTimelineApartFromTimes(@TempDir Path first, @TempDir Path second)
            throws Exception {
        String[] options = {"--train-per-class", "40", "--transfer-epochs", "1", "--finetune-epochs", "2",
            "--sample-per-class", "8", "--seed", "6", "--metrics-port", "0"};
        assertEquals(0, CommandLineTest.run(concat(new String[] {"demo", "--out", first.toString()}, options)).status());
        assertEquals(0, CommandLineTest.run(concat(new String[] {"demo", "--out", second.toString(),
            "--data", first.resolve("chest_xray").toString()}, options)).status());

        List<JsonNode> firstRun = withoutTimes(first.resolve("timeline.jsonl"));
        List<JsonNode> secondRun = withoutTimes(second.resolve("timeline.jsonl"));
        assertEquals(3, firstRun.size());
        assertSameScores(firstRun, secondRun);
    }

    /**
     * Checkpoint by checkpoint, the same numbers for every technique both scored. The time budget
     * decides from measured times which checkpoints run Score-CAM, so a technique scheduled out in
     * either timeline is left out of that checkpoint's comparison.
     */
    private static void assertSameScores(List<JsonNode> expected, List<JsonNode> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode a = expected.get(i).deepCopy();
            ObjectNode b = actual.get(i).deepCopy();
            List<String> names = new ArrayList<>();
            a.get("techniques").fieldNames().forEachRemaining(names::add);
            b.get("techniques").fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (SCHEDULED_OUT.equals(a.at("/techniques/" + name + "/status").asText())
                        || SCHEDULED_OUT.equals(b.at("/techniques/" + name + "/status").asText())) {
                    ((ObjectNode) a.get("techniques")).remove(name);
                    ((ObjectNode) b.get("techniques")).remove(name);
                }
            }
            assertEquals(a, b, "checkpoint " + (i + 1));
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Scrapes a port every 200 ms in the background and keeps the last answer. */
    private static final class MetricsWatcher {
        private final java.util.concurrent.atomic.AtomicReference<String> last =
                new java.util.concurrent.atomic.AtomicReference<>("");
        private volatile boolean running = true;
        private Thread thread;

        static MetricsWatcher start(int port) {
            MetricsWatcher watcher = new MetricsWatcher();
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            watcher.thread = new Thread(() -> {
                while (watcher.running) {
                    try {
                        watcher.last.set(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                    } catch (java.io.IOException e) {
                        // not serving yet, or no more
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "metrics-watcher");
            watcher.thread.setDaemon(true);
            watcher.thread.start();
            return watcher;
        }

        String stop() {
            running = false;
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return last.get();
        }
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static List<JsonNode> withoutTimes(Path timeline) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(timeline)) {
            ObjectNode record = (ObjectNode) json.readTree(line);
            if (!"checkpoint".equals(record.path("record").asText())) {
                continue;   // alerts follow from the checkpoints, which are compared
            }
            // Times, and the run name, which is new for every run unless --run-name is given.
            record.remove(List.of("run", "finished_at", "seconds", "pass_seconds"));
            record.get("techniques").forEach(technique -> ((ObjectNode) technique).remove("seconds"));
            records.add(record);
        }
        return records;
    }

    @Test
    void demoTrainsOnTwoFashionMnistClasses(@TempDir Path out) {
        assumeTrue(Files.isDirectory(FashionMnistIdx.DEFAULT_DIRECTORY), "Debian's dataset-fashion-mnist is installed");

        CommandLineTest.Run run = CommandLineTest.run("demo", "--out", out.toString(),
                "--fashion-mnist", "Shirt,T-shirt/top", "--train-per-class", "40", "--transfer-epochs", "1",
                "--finetune-epochs", "1", "--sample-per-class", "8", "--metrics-port", "0");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("using Fashion-MNIST [Shirt, T-shirt/top]"), run.out());
        assertTrue(run.out().contains("80 training and 20 validation images"), run.out());
        assertTrue(Files.notExists(out.resolve("chest_xray")), "no phantoms were generated");
        List<CheckpointResult> timeline = Timeline.read(out.resolve("timeline.jsonl")).checkpoints();
        assertEquals(2, timeline.size());
        assertEquals(List.of("Shirt", "T-shirt/top"), timeline.get(0).classes().stream().map(ClassMetrics::name).toList());
    }

    @Test
    void anUnknownTechniqueIsAOneLineError(@TempDir Path out) {
        CommandLineTest.Run run = CommandLineTest.run("demo", "--out", out.toString(), "--techniques", "gradcam,smoothgrad");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: --techniques: unknown technique 'smoothgrad'"), run.err());
        assertTrue(Files.notExists(out.resolve("timeline.jsonl")), "nothing was written");
    }
}
