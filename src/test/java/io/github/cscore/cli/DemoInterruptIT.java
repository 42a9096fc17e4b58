package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ctrl-C in {@code cscore demo}, in a child JVM: exit 130, and one line saying how many complete
 * checkpoints the timeline holds and how to make their report.
 */
class DemoInterruptIT {

    @Test
    void ctrlCAfterTheFirstCheckpointSaysWhatTheTimelineHoldsAndHowToReportIt(@TempDir Path folder) throws Exception {
        Assumptions.assumeFalse(interruptIgnored(), "this build runs with SIGINT ignored (started in the background "
                + "by a shell without job control), which the demo's JVM would inherit: no Ctrl-C can reach it");
        Path out = folder.resolve("run");
        Path timeline = out.resolve("timeline.jsonl");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                CScoreCommand.class.getName(), "demo", "--out", out.toString(), "--input", "32", "--width", "0.125",
                "--train-per-class", "4", "--sample-per-class", "5", "--transfer-epochs", "1", "--finetune-epochs", "30",
                "--techniques", "gradcam", "--metrics-port", "0", "--run-name", "stopped-1", "--save-checkpoints"));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("output.txt").toFile()).start();
        try {
            awaitFirstCheckpoint(demo, timeline);
            Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start();
            assertEquals(0, interrupt.waitFor());
            assertTrue(demo.waitFor(2, TimeUnit.MINUTES), "the demo stops");
        } finally {
            demo.destroyForcibly();
        }

        String output = Files.readString(folder.resolve("output.txt"), StandardCharsets.UTF_8);
        assertEquals(130, demo.exitValue(), output);
        Matcher line = Pattern.compile("interrupted: " + Pattern.quote(timeline.toString()) + " holds (\\d+) complete "
                + "checkpoints? of run stopped-1; make their report with: cscore report "
                + Pattern.quote(timeline.toString())).matcher(output);
        assertTrue(line.find(), output);
        int said = Integer.parseInt(line.group(1));
        int kept = Timeline.read(timeline).checkpoints().size();
        assertTrue(said >= 1 && said <= kept, said + " said, " + kept + " in the timeline");
        assertTrue(Files.isRegularFile(out.resolve("checkpoints").resolve("done")),
                "the saver's done marker tells a follower that no snapshot will come");
    }

    /**
     * True when this process ignores SIGINT ({@code SigIgn} in /proc/self/status has bit 1 set),
     * as a child process would: a JVM started so never runs its shutdown hooks on Ctrl-C.
     */
    private static boolean interruptIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & 0x2) != 0);
    }

    /** Waits until the timeline holds a checkpoint of the run; fails if the demo ends first. */
    private static void awaitFirstCheckpoint(Process demo, Path timeline) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!demo.isAlive()) {
                throw new AssertionError("the demo ended before it was interrupted: exit " + demo.exitValue());
            }
            if (Files.isRegularFile(timeline) && Files.readString(timeline).contains("\"stopped-1\"")
                    && !Timeline.read(timeline).checkpoints().isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint in " + timeline + " within 3 minutes");
    }
}
