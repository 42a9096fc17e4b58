package io.github.cscore.cli;

import java.util.Arrays;

/** Sets the command line's log level before any logger exists. */
final class Logging {

    private Logging() {}

    /** Engine start-up chatter is hidden unless {@code --verbose} (or {@code -v}) is given. */
    static void quietUnlessVerbose(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        String level = verbose ? "info" : "warn";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        // The engine warns about a missing GPU driver on every CPU-only machine.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }
}
