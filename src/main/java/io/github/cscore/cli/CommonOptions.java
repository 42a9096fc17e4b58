package io.github.cscore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = {"-v", "--verbose"}, description = "Show the engine's log and the stack trace of any failure, also of those the run survives.")
    boolean verbose;

    /**
     * Tells whether a command was given {@code --verbose}. The log level is set from the raw
     * arguments before parsing ({@link Logging}), since the engine logs before any command runs.
     */
    static boolean isVerbose(CommandSpec command) {
        for (CommandSpec mixin : command.mixins().values()) {
            if (mixin.userObject() instanceof CommonOptions common && common.verbose) {
                return true;
            }
        }
        return false;
    }
}
