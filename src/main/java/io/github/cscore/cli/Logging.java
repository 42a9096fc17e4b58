package io.github.cscore.cli;

import io.github.cscore.alert.AlertEngine;

import java.util.Arrays;
import java.util.List;

/** Sets the command line's log level before any logger exists. */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.log.";

    private Logging() {}

    /**
     * Engine start-up chatter is hidden unless {@code --verbose} (or {@code -v}) is given. A failure
     * the run survives (a sink, the example maps) is one warning line; with {@code --verbose} the
     * project's debug level is on too, which adds its stack trace and later occurrences.
     */
    static void quietUnlessVerbose(String[] args) {
        List<String> given = Arrays.asList(args);
        boolean verbose = given.contains("--verbose") || given.contains("-v");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty(LEVEL + "io.github.cscore", verbose ? "debug" : "warn");
        // The commands print each alert under its checkpoint, on standard output; stderr is for problems.
        System.setProperty(LEVEL + AlertEngine.EVENT_LOGGER, "off");
        // The engine warns about a missing GPU driver on every CPU-only machine.
        System.setProperty(LEVEL + "ai.djl.util.cuda.CudaUtils", "error");
    }
}
