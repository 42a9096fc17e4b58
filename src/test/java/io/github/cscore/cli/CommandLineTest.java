package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.List;

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
        assertTrue(run.err().startsWith("cscore: --input must leave at least a 2x2 map"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aBadDemoSettingFailsBeforeAnyFileIsWritten(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--width", "0");

        assertEquals(2, run.status());
        assertEquals("cscore: --width must be in (0, 4], but was 0.0", run.err().strip());
        assertTrue(Files.notExists(out), "no phantoms were generated");
    }

    @Test
    void anAbsurdInputSizeIsRefusedBeforeAnyFolderIsMade(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--input", "100000");

        assertEquals(2, run.status());
        assertEquals("cscore: --input must be in [32, 512] pixels, but was 100000", run.err().strip());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aSampleTooSmallForAnyScoreIsRefusedBeforeAnyFolderIsMade(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--sample-per-class", "2");

        assertEquals(2, run.status());
        assertEquals("cscore: --sample-per-class must be at least the minimum gold-list size 5, or no class could "
                + "ever be scored, but was 2", run.err().strip());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aSecondDemoIntoAFolderInUseIsRefusedAndTouchesNothing(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("timeline.jsonl"), "the first run's records\n");

        try (OutputLock first = OutputLock.claim(out, "--out")) {
            Run second = run("demo", "--out", out.toString(), "--metrics-port", "0");

            assertEquals(2, second.status());
            assertEquals("cscore: " + out + " is in use by another cscore run; wait for it to finish or choose "
                    + "another --out", second.err().strip());
        }
        assertEquals("the first run's records\n", Files.readString(out.resolve("timeline.jsonl")));
        assertTrue(Files.notExists(out.resolve("chest_xray")));
    }

    @Test
    void aTakenMetricsPortIsAOneLineErrorBeforeAnythingIsWritten(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("run");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run("demo", "--out", out.toString(), "--metrics-port", String.valueOf(taken.getLocalPort()));

            assertEquals(2, run.status());
            assertTrue(run.err().startsWith("cscore: --metrics-port " + taken.getLocalPort() + " cannot be used on "
                    + "127.0.0.1: "), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
        assertTrue(Files.notExists(out), "no phantoms, no timeline");
    }

    @Test
    void aMetricsPortOutOfRangeIsNamed(@TempDir Path folder) {
        Run run = run("demo", "--out", folder.resolve("run").toString(), "--metrics-port", "70000");

        assertEquals(2, run.status());
        assertEquals("cscore: --metrics-port must be in [0, 65535], but was 70000", run.err().strip());
    }

    @Test
    void aLibraryRuleIsNamedByTheOptionThatBrokeIt(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run rate = run("demo", "--out", out.toString(), "--learning-rate", "0");
        Run epochs = run("demo", "--out", out.toString(), "--transfer-epochs", "0", "--finetune-epochs", "0");
        Run pretrain = run("pretrain", "--out", out.resolve("b").toString(), "--epochs", "-1");

        assertEquals("cscore: --learning-rate must be positive and finite, but was 0.0", rate.err().strip());
        assertEquals("cscore: the plan trains no epoch: --transfer-epochs 0, --finetune-epochs 0", epochs.err().strip());
        assertEquals("cscore: --epochs must be non-negative, but was -1", pretrain.err().strip());
        assertEquals(List.of(2, 2, 2), List.of(rate.status(), epochs.status(), pretrain.status()));
        assertTrue(Files.notExists(out), "nothing was written");
    }

    @Test
    void theStudyRefusesAnUnknownScenarioOrJobCountBeforeWritingAnything(@TempDir Path folder) {
        Path out = folder.resolve("study");

        Run scenario = run("study", "--out", out.toString(), "--scenarios", "healthy,collapse");
        Run jobs = run("study", "--out", out.toString(), "--jobs", "0");

        assertEquals("cscore: unknown scenario 'collapse'; known: [healthy, forgetting, runaway, slow-growth, "
                + "label-noise, shortcut, marker-labels]", scenario.err().strip());
        assertEquals("cscore: --jobs and --threads must be at least 1, but were 0 and 1", jobs.err().strip());
        assertEquals(List.of(2, 2), List.of(scenario.status(), jobs.status()));
        assertTrue(Files.notExists(out), "nothing was written");
    }

    @Test
    void aSharedOptionKeepsItsDefaultPerCommandAndTheCommandSaysWhy() {
        Run demo = run("demo", "--help");
        Run pretrain = run("pretrain", "--help");

        assertTrue(demo.out().matches("(?s).*--input=<input>\\s+Input height and width, in pixels \\(default: 64\\).*"),
                demo.out());
        assertTrue(pretrain.out().matches("(?s).*--train-per-class=<trainPerClass>\\s+.*\\(default: 300\\).*"),
                pretrain.out());
    }

    @Test
    void verboseAlsoShowsTheTraceOfABadOption(@TempDir Path folder) {
        Run run = run("demo", "--out", folder.resolve("run").toString(), "--width", "0", "--verbose");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: --width must be in (0, 4], but was 0.0"), run.err());
        assertTrue(run.err().contains("\tat "), "the trace, on request: " + run.err());
    }

    @Test
    void phantomsMadeWithOtherSettingsAreNotReusedSilently(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("run");
        io.github.cscore.data.phantom.ChestPhantoms.builder()
                .optSeed(1)
                .optImageSize(64)
                .optImagesPerClass(io.github.cscore.data.KermanyFolder.TRAIN, 4)
                .optImagesPerClass(io.github.cscore.data.KermanyFolder.VAL, 1)
                .optImagesPerClass(io.github.cscore.data.KermanyFolder.TEST, 2)
                .build()
                .writeTo(out.resolve("chest_xray"));

        Run run = run("demo", "--out", out.toString(), "--train-per-class", "8", "--metrics-port", "0");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: " + out.resolve("chest_xray") + " holds phantoms made with other "
                + "settings: images_per_class.train 4 (here 8)"), run.err());
        assertTrue(run.err().strip().endsWith("; delete it or choose another --out"), run.err());
    }

    @Test
    void aRunNameThatIsNoLabelValueIsRefusedBeforeAnyFileIsWritten(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--run-name", "my run");

        assertEquals(2, run.status());
        assertEquals("cscore: --run-name must be 1 to 64 letters, digits and _ . : + - (a Prometheus label value keeps "
                + "them as they are), but was 'my run'", run.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void versionNamesCscoreDjlAndTheEngine() {
        Run run = run("--version");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().strip().matches("cscore \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(DJL 0\\.36\\.0, PyTorch 2\\.7\\.1\\)"),
                run.out());
    }

    @Test
    void theDefaultRunNameIsNewForEveryRun() {
        String first = RunNameOption.unique("demo");
        String second = RunNameOption.unique("demo");

        assertTrue(first.matches("demo-\\d{8}-\\d{6}-[0-9a-f]{4}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void anUnexpectedFailureIsOneLineWithStatusOneAndTheTraceOnlyWhenVerbose() {
        CommandLine commandLine = CScoreCommand.commandLine();
        commandLine.addSubcommand("boom", new Failing());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int status = commandLine.execute("boom");
        String quiet = err.toString();
        err.getBuffer().setLength(0);
        int verboseStatus = commandLine.execute("boom", "--verbose");

        assertEquals(1, status);
        assertEquals("cscore boom failed: java.lang.NullPointerException: the engine returned nothing "
                + "(run with --verbose for the stack trace)", quiet.strip());
        assertEquals(1, verboseStatus);
        assertTrue(err.toString().contains("\tat "), "the trace, on request");
    }

    @CommandLine.Command(name = "boom")
    static final class Failing implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            throw new NullPointerException("the engine returned nothing");
        }
    }

    @Test
    void aDataFolderGivenIsReadNeverGeneratedInto(@TempDir Path folder) {
        Path data = folder.resolve("chest_xray_typo");

        Run run = run("demo", "--out", folder.resolve("run").toString(), "--data", data.toString(),
                "--metrics-port", "0");

        assertEquals(2, run.status());
        assertEquals("cscore: dataset root does not exist: " + data, run.err().strip());
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

    @Test
    void aFailureThatSaysWhatCouldNotBeWrittenIsKeptWholeNotCutToItsCause() {
        // A full disk's IOException says only "No space left on device"; the writer's wrapper says where.
        UncheckedIOException full = new UncheckedIOException("cannot write the report into /runs/demo: No space left "
                + "on device", new IOException("No space left on device"));

        assertEquals("cannot write the report into /runs/demo: No space left on device", CScoreCommand.describe(full));
        assertEquals("No space left on device",
                CScoreCommand.describe(new UncheckedIOException(new IOException("No space left on device"))));
    }
}
