package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The promtool tests shipped beside the rule file, {@code alert-rules/tests/*.yml}, pass against
 * the committed rule file, run as a user runs them after changing a threshold: {@code promtool
 * test rules alert-rules/tests/*.yml}.
 */
class ShippedRuleTestsTest {

    static final Path TESTS = RuleFileTest.RULES.resolveSibling("tests");

    static List<Path> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(TESTS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test.yml")).sorted().toList();
        }
    }

    @Test
    void promtoolPassesEveryShippedTestFile() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        List<Path> files = testFiles();
        assertFalse(files.isEmpty(), "no *.test.yml in " + TESTS);
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        files.forEach(f -> command.add(f.getFileName().toString()));

        Tools.Result result = Tools.run(TESTS, 300, command.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("FAILED"), result.output());
        assertEquals(files.size(), result.output().split("  SUCCESS", -1).length - 1, result.output());
    }

    @Test
    void theShippedTestsUseTheCommittedRuleFile() throws Exception {
        for (Path file : testFiles()) {
            assertTrue(Files.readString(file).contains("rule_files:\n  - ../cscore.rules.yml\n"), file.toString());
        }
    }
}
