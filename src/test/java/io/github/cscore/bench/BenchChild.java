package io.github.cscore.bench;

import io.github.cscore.engine.EngineRemedy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a bench command again in a child JVM under a chosen oneDNN instruction-set cap: oneDNN
 * reads the cap once per process, so comparing caps takes one process each.
 */
final class BenchChild {

    /** The cap name that means no cap at all. */
    static final String NONE = "none";

    private BenchChild() {}

    /** Starts {@code main} with {@code args}; standard output and error are this process's. */
    static Process start(Class<?> main, String cap, String... args) throws IOException {
        return builder(main, cap, args).inheritIO().start();
    }

    /** Runs {@code main} with {@code args} and returns its standard output; standard error is shared. */
    static String output(Class<?> main, String cap, String... args) throws IOException, InterruptedException {
        Process process = builder(main, cap, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " under cap " + cap + " exited with "
                    + process.exitValue());
        }
        return output;
    }

    private static ProcessBuilder builder(Class<?> main, String cap, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Waiting OpenMP threads sleep instead of spinning, so CPU time measures work done.
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().remove("ONEDNN_MAX_CPU_ISA");
        builder.environment().remove(EngineRemedy.VARIABLE);
        if (!cap.equals(NONE)) {
            builder.environment().put(EngineRemedy.VARIABLE, cap);
        }
        return builder;
    }
}
