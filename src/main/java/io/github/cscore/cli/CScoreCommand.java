package io.github.cscore.cli;

import io.github.cscore.engine.EngineRemedy;
import io.github.cscore.storage.FileError;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.OptionalInt;

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
        subcommands = {DemoCommand.class, PretrainCommand.class, ModelsCommand.class, EvaluateCommand.class,
            ReportCommand.class, RulesCommand.class, StudyCommand.class, CommandLine.HelpCommand.class})
public final class CScoreCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status. On a machine that shows the cause of the
     * oneDNN fault, it first restarts itself with oneDNN's instruction set capped, which only works
     * before the JVM starts (docs/engine.md), and exits with the restarted program's status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Logging.quietUnlessVerbose(args);
        OptionalInt relaunched = EngineRemedy.relaunchIfNeeded(CScoreCommand.class, args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * Creates the command line with its error handling: bad input gives one line naming the
     * problem (by its option) and exit status 2, any other failure one line and status 1; the
     * stack trace follows either only with {@code --verbose}.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CScoreCommand());
        OptionValues.registerWith(commandLine);
        // Every option is listed below the synopsis; spelled out in it, a wrap breaks option syntax apart.
        commandLine.getSubcommands().values().forEach(command ->
                command.getCommandSpec().usageMessage().abbreviateSynopsis(true));
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println("cscore: " + error.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
            boolean verbose = CommonOptions.isVerbose(line.getCommandSpec());
            int status;
            if (isUsageError(error)) {
                Exception named = error instanceof IllegalArgumentException argument
                        ? OptionNames.of(line.getCommandSpec()).translate(argument) : error;
                line.getErr().println("cscore: " + describe(named));
                status = 2;
            } else {
                // Anything else is a fault, ours or the engine's: one line, the trace only on request.
                line.getErr().println("cscore " + line.getCommandName() + " failed: " + error
                        + (verbose ? "" : " (run with --verbose for the stack trace)"));
                status = 1;
            }
            if (verbose) {
                error.printStackTrace(new PrintWriter(line.getErr(), true));
            }
            return status;
        });
        return commandLine;
    }

    /** Failures the user can fix: bad input, a file or folder that cannot be used, a busy output. */
    private static boolean isUsageError(Exception error) {
        return error instanceof IllegalArgumentException || error instanceof UncheckedIOException
                || error instanceof IOException || error instanceof OutputInUseException;
    }

    /**
     * One line for a failure the user can fix. File-system exceptions often carry only the path as
     * their message, so the path and the kind of failure are spelled out.
     */
    static String describe(Exception error) {
        if (error instanceof UncheckedIOException unchecked && saysMoreThanItsCause(unchecked)) {
            // "cannot write the report into <folder>: No space left on device" names what failed.
            return unchecked.getMessage();
        }
        Throwable cause = error instanceof UncheckedIOException unchecked ? unchecked.getCause() : error;
        if (cause instanceof FileSystemException fileError) {
            String reason = fileError.getReason() != null ? fileError.getReason() : kindOf(fileError);
            return "cannot use " + fileError.getFile() + ": " + reason;
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return FileError.message(error);
    }

    /**
     * True for a wrapper given a message of its own, not the one made from its cause, around a
     * cause that names no file (a file-system exception names its file, and is said better below).
     */
    private static boolean saysMoreThanItsCause(UncheckedIOException error) {
        return error.getMessage() != null && !error.getMessage().equals(String.valueOf(error.getCause()))
                && !(error.getCause() instanceof FileSystemException);
    }

    private static String kindOf(FileSystemException error) {
        if (error instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (error instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (error instanceof FileAlreadyExistsException) {
            // What cannot be made is most often a folder whose name a file or a device holds (/dev/null).
            return Files.exists(Path.of(error.getFile())) && !Files.isDirectory(Path.of(error.getFile()))
                    ? "not a folder" : "it already exists";
        }
        if (error instanceof NotDirectoryException) {
            return "not a folder";
        }
        return "file-system error";
    }

    /** Without a subcommand, prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
