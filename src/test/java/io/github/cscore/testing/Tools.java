package io.github.cscore.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the monitoring tests need (promtool, amtool, prometheus,
 * alertmanager, pushgateway, node, npm). A missing tool fails the test with a message saying which
 * package installs it: these checks are never skipped.
 */
public final class Tools {

    private Tools() {}

    /** The output and exit code of a finished command. */
    public record Result(int exitCode, String output) {}

    /**
     * Finds a tool on the PATH.
     *
     * @param name the executable
     * @param debianPackage the Debian package that installs it
     * @return its path
     * @throws AssertionError if it is not installed
     */
    public static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed; install it with `apt-get install " + debianPackage
                + "` (.ci/run does): the monitoring checks need it and are never skipped");
    }

    /**
     * Runs a command to completion, stdout and stderr merged.
     *
     * @param directory the working directory
     * @param timeoutSeconds how long to wait before killing it
     * @param command the command and its arguments
     * @return the result
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if it does not finish in time
     */
    public static Result run(Path directory, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * Runs a command with text on its standard input.
     *
     * @param input the text
     * @param timeoutSeconds how long to wait
     * @param command the command
     * @return the result
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted
     */
    public static Result pipe(String input, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * Returns the project's root folder (the working directory of Maven's test run).
     *
     * @return the folder holding pom.xml
     */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("pom.xml"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new AssertionError("no pom.xml above " + Path.of("").toAbsolutePath());
        }
        return here;
    }

    /**
     * Joins arguments into a command list.
     *
     * @param first the executable
     * @param rest the arguments
     * @return the command
     */
    public static String[] command(Path first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first.toString());
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
