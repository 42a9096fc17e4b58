package io.github.cscore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Kills a writer with SIGKILL at a random point: starts a {@link WriterChild} in its own JVM,
 * waits until it has written a first complete output, lets it write on for a random time, and
 * kills it with {@code kill -9} (Java's {@code destroyForcibly} on Linux), so that no shutdown
 * hook, finally block or buffer flush runs. The caller then asserts that the output is either the
 * previous complete one or a new complete one.
 */
public final class KilledWriter {

    private KilledWriter() {}

    /**
     * Runs a writer and kills it.
     *
     * @param mode the {@link WriterChild} mode
     * @param target the output it writes
     * @param random chooses how long it writes on after its first complete output
     * @param maxMillis the longest it writes on
     * @return what the child printed before it was killed (the backbone mode's digests)
     */
    public static List<String> killAtRandom(String mode, Path target, Random random, int maxMillis) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"), WriterChild.class.getName(), mode, target.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                printed.add(line);
            }
            if (line == null) {
                fail("the " + mode + " writer ended before its first output: exit " + process.waitFor());
            }
            Thread.sleep(random.nextInt(maxMillis + 1));
            process.destroyForcibly(); // SIGKILL
            process.waitFor(60, TimeUnit.SECONDS);
            assertEquals(137, process.exitValue(), "the " + mode + " writer was killed, it did not end on its own");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroyForcibly();
        }
        return printed;
    }
}
