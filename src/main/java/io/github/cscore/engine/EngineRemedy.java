package io.github.cscore.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The process-wide remedy for the oneDNN fault: cap oneDNN's instruction set at SSE4.1, whose
 * convolution kernels do not size their blocks from the cache sizes (docs/engine.md).
 *
 * <p>oneDNN reads {@code ONEDNN_MAX_CPU_ISA}, then {@code DNNL_MAX_CPU_ISA}, from the environment
 * once, before its first primitive, and a JVM cannot change its own environment. So the cap is set
 * before the JVM starts: by the shell, by Maven's test configuration (profile {@code
 * engine-safe-isa}), or by {@link #relaunchIfNeeded}, which a {@code main} method calls first to
 * restart itself with the variable. A cap the user set, whatever its value, is left alone.
 */
public final class EngineRemedy {

    /** The environment variable oneDNN reads for its instruction-set cap. */
    public static final String VARIABLE = "DNNL_MAX_CPU_ISA";
    /** The cap that avoids the fault; AVX and AVX2 were measured and do not (docs/engine.md). */
    public static final String SAFE_ISA = "SSE41";
    /** oneDNN takes the first of these that is set. */
    static final List<String> VARIABLES = List.of("ONEDNN_MAX_CPU_ISA", VARIABLE);

    private static final Logger LOG = LoggerFactory.getLogger(EngineRemedy.class);

    private EngineRemedy() {}

    /**
     * Returns the instruction-set cap oneDNN reads in this process, if any.
     *
     * @return the value of {@code ONEDNN_MAX_CPU_ISA} or else {@code DNNL_MAX_CPU_ISA}
     */
    public static Optional<String> isaCap() {
        return isaCap(System.getenv());
    }

    static Optional<String> isaCap(Map<String, String> environment) {
        return VARIABLES.stream()
                .map(environment::get)
                .filter(value -> value != null && !value.isEmpty())
                .findFirst();
    }

    /**
     * Tells whether oneDNN runs capped at SSE4.1 in this process.
     *
     * @return true if the cap is {@value #SAFE_ISA}, in any letter case
     */
    public static boolean isSafeIsaSet() {
        return isaCap().filter(SAFE_ISA::equalsIgnoreCase).isPresent();
    }

    /**
     * Tells whether this machine shows the fault's cause: an AMD CPU with a blank cache topology.
     *
     * @return true if {@code /sys/devices/system/cpu/cpu0/cache} is missing on an AMD CPU
     */
    public static boolean isCacheTopologyHidden() {
        return CacheTopology.isHidden();
    }

    /**
     * Tells whether a JVM started now should be restarted with the cap: the machine shows the
     * fault's cause and nobody set a cap. Costs two file reads, no engine.
     *
     * @return true if the remedy is needed and not applied
     */
    public static boolean isNeeded() {
        return isaCap().isEmpty() && isCacheTopologyHidden();
    }

    /**
     * Restarts the program in a child JVM with {@value #VARIABLE}={@value #SAFE_ISA} when {@link
     * #isNeeded()}, and waits for it. The child gets the same JVM options, class path, main class
     * and arguments, and this process's standard streams. Call it first thing in {@code main}.
     *
     * @param mainClass the class whose {@code main} the child runs
     * @param args the program's arguments
     * @return the child's exit status, or empty if no restart was needed (or it could not start,
     *     which is logged): then carry on in this JVM
     */
    public static OptionalInt relaunchIfNeeded(Class<?> mainClass, String[] args) {
        if (!isNeeded()) {
            return OptionalInt.empty();
        }
        LOG.info("This CPU hides its cache topology from oneDNN; restarting with {}={} (docs/engine.md)",
                VARIABLE, SAFE_ISA);
        try {
            Process child = relaunchCommand(mainClass, args).start();
            // If this JVM is stopped (Ctrl-C, kill), the child must not live on unattended.
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return OptionalInt.of(child.waitFor());
        } catch (IOException e) {
            LOG.warn("Could not restart with {}={} ({}); continuing without it", VARIABLE, SAFE_ISA, e.getMessage());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** The same program in a new JVM with the safe cap, sharing this process's streams. */
    static ProcessBuilder relaunchCommand(Class<?> mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent would try to listen on the port its parent already holds.
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(VARIABLE, SAFE_ISA);
        return builder;
    }
}
