package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import picocli.CommandLine;

/**
 * Bad invocations, each refused before any work with exit status 2 and one line in the command
 * line's words: the options at fault by name, no Java type, builder method or property name, no
 * stack trace.
 */
class CommandLineErrorsTest {

    /** A property or method name such as learningRate or optClassNames; no option is spelled so. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z]+[A-Z]\\w*");

    @TempDir
    static Path folder;

    static Stream<Arguments> badInvocations() throws IOException {
        String out = folder.resolve("run").toString();
        Path data = Files.createDirectories(folder.resolve("chest_xray"));
        return Stream.of(
                bad(List.of("--out"), "demo", "--out", ""),
                bad(List.of("--out"), "report", folder.resolve("timeline.jsonl").toString(), "--out", " "),
                bad(List.of("--shortcut-rate", "--data"), "demo", "--out", out, "--data", data.toString(),
                        "--shortcut-rate", "2"),
                bad(List.of("--shortcut-rate"), "demo", "--out", out, "--shortcut-rate", "NaN"),
                bad(List.of("--shortcut-rate"), "demo", "--out", out, "--shortcut-rate", "2", "--metrics-port", "0"),
                bad(List.of("--learning-rate"), "demo", "--out", out, "--learning-rate", "Infinity"),
                bad(List.of("--learning-rate"), "demo", "--out", out, "--learning-rate", "0", "--metrics-port", "0"),
                bad(List.of("--learning-rate"), "pretrain", "--out", out, "--learning-rate", "-1"),
                bad(List.of("--gold-threshold"), "demo", "--out", out, "--gold-threshold", "NaN"),
                bad(List.of("--monitor-share"), "demo", "--out", out, "--monitor-share", "-Infinity"),
                bad(List.of("--gold-threshold"), "demo", "--out", out, "--gold-threshold", "0", "--metrics-port", "0"),
                bad(List.of("--monitor-share"), "demo", "--out", out, "--monitor-share", "0", "--metrics-port", "0"),
                bad(List.of("--shortcut-rate"), "demo", "--out", out, "--shortcut-rate", "-0.5", "--metrics-port", "0"),
                bad(List.of("--width"), "models", "--width", "0"),
                bad(List.of("--width"), "models", "--width", "1e39"),
                bad(List.of("--width"), "models", "--width", "wide"),
                bad(List.of("--techniques"), "demo", "--out", out, "--techniques", "gradcam,layercam,gradcam",
                        "--metrics-port", "0"),
                bad(List.of("--techniques"), "demo", "--out", out, "--techniques", "gradcam,blurcam",
                        "--metrics-port", "0"),
                bad(List.of("--input", "512"), "models", "--input", "100000"),
                bad(List.of("--train-per-class", "-Xmx"), "demo", "--out", out, "--input", "512",
                        "--train-per-class", "300000", "--metrics-port", "0"),
                bad(List.of("--out", "not a folder"), "demo", "--out", "/dev/null", "--metrics-port", "0"),
                bad(List.of("--poll-interval"), "evaluate", folder.toString(), "--poll-interval", "NaN"),
                bad(List.of("--technique-timeout"), "demo", "--out", out, "--technique-timeout", "NaN"),
                bad(List.of("--technique-timeout"), "demo", "--out", out, "--technique-timeout", "Infinity"),
                bad(List.of("--technique-timeout"), "demo", "--out", out, "--technique-timeout", "0",
                        "--metrics-port", "0"),
                bad(List.of("--technique-timeout"), "demo", "--out", out, "--technique-timeout", "-5",
                        "--metrics-port", "0"),
                bad(List.of("--technique-timeout"), "evaluate", folder.toString(), "--technique-timeout", "NaN"),
                bad(List.of("--technique-timeout"), "evaluate", folder.toString(), "--data", data.toString(),
                        "--technique-timeout", "0"),
                bad(List.of("--technique-timeout"), "evaluate", folder.toString(), "--data", data.toString(),
                        "--follow", "--technique-timeout", "-Infinity"),
                bad(List.of("--technique-timeout"), "evaluate", folder.toString(), "--data", data.toString(),
                        "--follow", "--technique-timeout", "-0.5"),
                bad(List.of("--technique-timeout"), "study", "--out", out, "--technique-timeout", "Infinity"),
                bad(List.of("--technique-timeout"), "study", "--out", out, "--technique-timeout", "0"));
    }

    private static Arguments bad(List<String> named, String... args) {
        return Arguments.of(String.join(" ", args), args, named);
    }

    @ParameterizedTest(name = "cscore {0}")
    @MethodSource("badInvocations")
    void isOneLineInTheCommandLinesWordsWithStatusTwo(String shown, String[] args, List<String> named) {
        CommandLineTest.Run run = CommandLineTest.run(args);

        String err = run.err().strip();
        assertEquals(2, run.status(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("cscore: "), err);
        for (String expected : named) {
            assertTrue(err.contains(expected), "names " + expected + ": " + err);
        }
        assertFalse(err.contains("java."), "no Java type: " + err);
        assertFalse(JAVA_NAME.matcher(err.replace(folder.toString(), "")).find(), "no Java name: " + err);
        assertTrue(Files.notExists(folder.resolve("run")), "nothing written: " + err);
    }

    @Test
    void aLibraryPropertyOfEvaluateIsNamedByItsOption() {
        CommandLine evaluate = new CommandLine(new EvaluateCommand());

        IllegalArgumentException named = OptionNames.of(evaluate.getCommandSpec())
                .translate(new IllegalArgumentException("validationFraction must be in [0, 1), but was 1.0"));

        assertEquals("--validation-fraction must be in [0, 1), but was 1.0", named.getMessage());
    }

    @Test
    void theTrainingImagesPerClassAreCappedByTheHeapAndTheInputSize() {
        long heap = 4L << 30;

        int at64 = RunData.mostPhantomsPerClass(64, heap);
        int at128 = RunData.mostPhantomsPerClass(128, heap);

        // A quarter of 4 GiB over two classes of 64x64 one-byte pixels: 2^30 / 2^13.
        assertEquals(131_072, at64);
        assertEquals(at64 / 4, at128, "four times the pixels, a quarter of the images");
        assertTrue(at64 > 400 * 100, "the default of 400 is far below it");
    }

    @Test
    void aWrapperThatAddsNoWordsIsDescribedByWhatItWraps() {
        String described = CScoreCommand.describe(new RuntimeException(new IllegalStateException("the engine stopped")));

        assertEquals("the engine stopped", described, "a failed study run is printed so, not as a Java type");
    }
}
