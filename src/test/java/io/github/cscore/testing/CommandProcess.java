package io.github.cscore.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@code cscore} command in a JVM of its own, as a user runs the tool: through its
 * {@code main}, so that the exit status and everything printed on stdout and stderr (the engine's
 * and the logger's lines too) are what a user sees. It can also kill the command with SIGKILL at a
 * random point, with every process it started (the study's workers), so that no shutdown hook,
 * finally block or buffer flush runs anywhere: a power cut as far as the output folder can tell.
 */
public final class CommandProcess {

    private static final String MAIN = "io.github.cscore.cli.CScoreCommand";
    private static final long LONGEST_MINUTES = 10;

    /**
     * What a command did.
     *
     * @param status its exit status
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    public record Result(int status, String out, String err) {

        /**
         * The lines of stderr that are not blank.
         *
         * @return the lines
         */
        public List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private CommandProcess() {}

    /**
     * Runs a command to its end.
     *
     * @param logs a folder for its stdout and stderr files, outside any output under test
     * @param args the command line after {@code cscore}
     * @return its status and output
     * @throws IOException if it cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(Path logs, List<String> args) throws IOException, InterruptedException {
        Started started = start(logs, args);
        if (!started.process.waitFor(LONGEST_MINUTES, TimeUnit.MINUTES)) {
            killTree(started.process);
            fail("cscore " + args + " did not end within " + LONGEST_MINUTES + " minutes");
        }
        return started.result(started.process.exitValue());
    }

    /**
     * Runs a command and kills it with SIGKILL, with every process it started, at a random point:
     * a random time of up to {@code maxMillis} after it began to write (as the caller tells), so
     * that the kill lands among its writes. A command that ends before is not killed.
     *
     * @param logs a folder for its stdout and stderr files, outside any output under test
     * @param args the command line after {@code cscore}
     * @param random chooses how long it runs on after it began to write
     * @param maxMillis the longest it runs on
     * @param begun tells, looked at every 20 ms, whether it has begun to write
     * @return what it printed, and its status: 137 if it was killed
     * @throws IOException if it cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result killAtRandom(Path logs, List<String> args, Random random, int maxMillis,
            BooleanSupplier begun) throws IOException, InterruptedException {
        int delay = random.nextInt(maxMillis + 1);
        Started started = start(logs, args);
        while (started.process.isAlive() && !begun.getAsBoolean()) {
            Thread.sleep(20);
        }
        if (started.process.waitFor(delay, TimeUnit.MILLISECONDS)) {
            return started.result(started.process.exitValue());
        }
        killTree(started.process);
        return started.result(started.process.exitValue());
    }

    private static Started start(Path logs, List<String> args) throws IOException {
        Files.createDirectories(logs);
        Path out = Files.createTempFile(logs, "stdout", ".txt");
        Path err = Files.createTempFile(logs, "stderr", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(process, out, err);
    }

    /**
     * SIGKILL to the process and all it started; returns once every one of them is gone. The
     * process is stopped first, so that it cannot start another process between the listing and
     * the kill.
     */
    private static void killTree(Process process) throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly); // destroyForcibly is SIGKILL on Linux
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(1, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + handle.pid() + " outlived its SIGKILL", e);
            }
        }
    }

    private record Started(Process process, Path out, Path err) {
        Result result(int status) throws IOException {
            return new Result(status, Files.readString(out), Files.readString(err));
        }
    }
}
