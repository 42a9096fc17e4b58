package io.github.cscore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code cscore} command: explanation-consistency monitoring for DJL training.
 *
 * <p>Run {@code java -jar target/cscore.jar --help} for the subcommands.
 */
@Command(
        name = "cscore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Explanation-consistency (C-Score) monitoring for DJL training.",
        subcommands = {DemoCommand.class, ModelsCommand.class, CommandLine.HelpCommand.class})
public final class CScoreCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Logging.quietUnlessVerbose(args);
        System.exit(commandLine().execute(args));
    }

    /**
     * Creates the command line with its error handling: bad input gives one line naming the
     * problem and exit status 2, never a stack trace.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CScoreCommand());
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println("cscore: " + error.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
            if (error instanceof IllegalArgumentException || error instanceof UncheckedIOException
                    || error instanceof IOException) {
                line.getErr().println("cscore: " + error.getMessage());
                return 2;
            }
            throw error;
        });
        return commandLine;
    }

    /** Without a subcommand, prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
