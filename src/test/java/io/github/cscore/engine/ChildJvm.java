package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a child process with a chosen oneDNN instruction-set cap: the only way to test
 * the cap, which oneDNN reads once per process. A crash writes its JVM error report into the
 * given folder, never into the project.
 */
final class ChildJvm {

    /**
     * How a child ended.
     *
     * @param status exit status (134 when the JVM aborted on a fatal signal)
     * @param output standard output and error, interleaved
     */
    record Outcome(int status, String output) {}

    private ChildJvm() {}

    /** The test class path's {@code main} of {@code mainClass}, without any cap when {@code isa} is null. */
    static Outcome java(Path errors, String isa, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(javaCommand(errors));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return run(command, isa, Map.of());
    }

    /** {@code java -jar jar args}, with extra environment variables. */
    static Outcome jar(Path errors, Path jar, String isa, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(javaCommand(errors));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return run(command, isa, environment);
    }

    private static List<String> javaCommand(Path errors) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-XX:ErrorFile=" + errors.resolve("hs_err_%p.log"));
    }

    private static Outcome run(List<String> command, String isa, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        EngineRemedy.VARIABLES.forEach(builder.environment()::remove);
        if (isa != null) {
            builder.environment().put(EngineRemedy.VARIABLE, isa);
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("child did not finish: " + command);
            }
            return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        }
    }
}
