package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import picocli.CommandLine;

class CommandLineTest {

    /** Runs the command line, capturing what it prints. */
    static Run run(String... args) {
        CommandLine commandLine = CScoreCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    record Run(int status, String out, String err) {}

    @Test
    void withoutASubcommandPrintsTheUsage() {
        Run run = run();

        assertEquals(0, run.status());
        assertTrue(run.out().contains("Usage: cscore"), run.out());
        assertTrue(run.out().contains("models"), run.out());
    }

    @Test
    void modelsListsTheReferenceCountsAndTheChosenScale() {
        Run run = run("models", "--input", "96", "--width", "0.5");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("resnet50v2   reference   224  1.00    1000   25,613,800"), run.out());
        assertTrue(run.out().contains("resnet50v2   scaled       96  0.50       2"), run.out());
        assertEquals(7, run.out().split("\n").length, "a header and two rows per architecture");
    }

    @Test
    void anUnknownOptionIsAOneLineErrorWithStatusTwo() {
        Run run = run("models", "--depth", "3");

        assertEquals(2, run.status());
        assertEquals("cscore: Unknown options: '--depth', '3' (see 'cscore models --help')", run.err().strip());
    }

    @Test
    void anInvalidScaleNamesTheProblemWithoutAStackTrace() {
        Run run = run("models", "--input", "5");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: inputSize must leave at least a 2x2 map"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aBadDemoSettingFailsBeforeAnyFileIsWritten(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--width", "0");

        assertEquals(2, run.status());
        assertEquals("cscore: widthMultiplier must be in (0, 4], but was 0.0", run.err().strip());
        assertTrue(Files.notExists(out), "no phantoms were generated");
    }

    @Test
    void aDataFolderGivenIsReadNeverGeneratedInto(@TempDir Path folder) {
        Path data = folder.resolve("chest_xray_typo");

        Run run = run("demo", "--out", folder.resolve("run").toString(), "--data", data.toString());

        assertEquals(2, run.status());
        assertEquals("cscore: dataset root does not exist or is not a directory: " + data, run.err().strip());
        assertTrue(Files.notExists(data));
    }

    @Test
    void fashionMnistTakesTwoClassesAndNoDataFolder(@TempDir Path folder) {
        Run one = run("demo", "--out", folder.toString(), "--fashion-mnist", "Shirt");
        Run withData = run("demo", "--out", folder.toString(), "--fashion-mnist", "Shirt,Trouser", "--data",
                folder.toString());

        assertEquals(2, one.status());
        assertEquals("cscore: --fashion-mnist takes two classes and no --data, but had [Shirt]", one.err().strip());
        Run withShortcut = run("demo", "--out", folder.toString(), "--fashion-mnist", "Shirt,Trouser",
                "--shortcut-rate", "0.9");

        assertEquals(2, withShortcut.status());
        assertEquals("cscore: --shortcut-rate marks generated phantoms; it does not apply to --fashion-mnist",
                withShortcut.err().strip());
        assertEquals(2, withData.status());
        assertEquals("cscore: --fashion-mnist takes two classes and no --data, but had [Shirt, Trouser] and --data",
                withData.err().strip());
    }

    @Test
    void aFileSystemFailureNamesThePathAndTheReason(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("a-file"), "not a folder");

        assertEquals("cannot use " + file + ": no such file or folder",
                CScoreCommand.describe(new NoSuchFileException(file.toString())));
        assertEquals("cannot use " + file + ": permission denied",
                CScoreCommand.describe(new UncheckedIOException(new AccessDeniedException(file.toString()))));
        assertEquals("cannot use " + file + ": Not a directory",
                CScoreCommand.describe(new FileSystemException(file.toString(), null, "Not a directory")));
    }
}
