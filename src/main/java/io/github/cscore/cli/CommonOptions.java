package io.github.cscore.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = {"-v", "--verbose"}, description = "Show the engine's log and, if the command fails, the stack trace.")
    boolean verbose;
}
