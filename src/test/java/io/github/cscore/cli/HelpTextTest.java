package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

/** Every command's help fits the usage width and wraps only between words. */
class HelpTextTest {

    private static final int WIDTH = 80;

    static Stream<String> commands() {
        return Stream.concat(Stream.of(""), CScoreCommand.commandLine().getSubcommands().keySet().stream());
    }

    @ParameterizedTest(name = "cscore {0} --help")
    @MethodSource("commands")
    void noHelpLineIsWiderThanTheUsageWidth(String command) {
        for (String line : help(command, WIDTH).split("\n")) {
            assertTrue(line.length() <= WIDTH, "cscore " + command + " --help, " + line.length() + " columns: " + line);
        }
    }

    @ParameterizedTest(name = "cscore {0} --help")
    @MethodSource("commands")
    void helpWrapsBetweenWordsNeverInsideOne(String command) {
        // Unwrapped, every word stands whole; wrapped at the usage width, the same words must.
        List<String> unwrapped = words(help(command, 10_000));
        List<String> wrapped = words(help(command, WIDTH));

        List<String> broken = new ArrayList<>(wrapped);
        unwrapped.forEach(broken::remove);
        assertEquals(unwrapped, wrapped, "cscore " + command + " --help breaks a word across lines: " + broken);
    }

    private static String help(String command, int width) {
        CommandLine commandLine = CScoreCommand.commandLine();
        CommandLine target = command.isEmpty() ? commandLine : commandLine.getSubcommands().get(command);
        target.setUsageHelpWidth(width);
        return target.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
        words.sort(null);
        return words;
    }
}
