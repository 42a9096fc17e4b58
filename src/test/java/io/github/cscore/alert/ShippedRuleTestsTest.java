package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The promtool tests shipped beside the rule file, {@code alert-rules/tests/*.yml}, pass against
 * the committed rule file, run as a user runs them after changing a threshold: {@code promtool
 * test rules alert-rules/tests/*.yml}. Every alert is seen firing and quiet there, and a changed
 * threshold fails the tests of its rule.
 */
class ShippedRuleTestsTest {

    static final Path TESTS = RuleFileTest.RULES.resolveSibling("tests");
    private static final Pattern ALERTNAME = Pattern.compile("\\s*alertname: (\\S+)");

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
    void everyAlertOfTheRuleFileIsTestedFiringAndNotFiring() throws Exception {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path file : testFiles()) {
            String[] lines = Files.readString(file).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                Matcher name = ALERTNAME.matcher(lines[i]);
                if (name.matches()) {
                    (lines[i + 1].strip().equals("exp_alerts: []") ? quiet : firing).add(name.group(1));
                }
            }
        }
        Set<String> alerts = new TreeSet<>();
        Matcher rule = Pattern.compile("- alert: (\\S+)").matcher(Files.readString(RuleFileTest.RULES));
        while (rule.find()) {
            alerts.add(rule.group(1));
        }
        Set<String> neverQuiet = new TreeSet<>(alerts);
        neverQuiet.removeAll(quiet);
        Set<String> neverFiring = new TreeSet<>(alerts);
        neverFiring.removeAll(firing);

        assertEquals(Set.of(), neverFiring, "alerts no shipped test sees firing");
        assertEquals(Set.of(Watchdog.NAME), neverQuiet, "alerts no shipped test sees quiet (the watchdog never is)");
    }

    @Test
    void aChangedThresholdFailsTheShippedTestsOfItsRule(@TempDir Path folder) throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Path tests = Files.createDirectories(folder.resolve("tests"));
        for (Path file : testFiles()) {
            Files.copy(file, tests.resolve(file.getFileName()));
        }
        AlertEngine raised = AlertEngine.builder().optRule(new BelowFloor(new BelowFloor.Settings(0.2, 2))).build();
        Files.writeString(folder.resolve("cscore.rules.yml"), PrometheusRules.render(raised.rules(),
                PrometheusRules.DEFAULT_PERIOD, PrometheusRules.DEFAULT_JOB, PrometheusRules.DEFAULT_RUNBOOK));

        Tools.Result result = Tools.run(tests, 300, Tools.command(promtool, "test", "rules", "below-floor.test.yml",
                "relative-drop.test.yml"));

        assertEquals(1, result.exitCode(), result.output());
        String[] parts = result.output().split("Unit Testing:\\s+relative-drop.test.yml");
        assertTrue(parts[0].contains("FAILED") && parts[1].contains("SUCCESS"), result.output());
    }

    @Test
    void theShippedTestsUseTheCommittedRuleFile() throws Exception {
        for (Path file : testFiles()) {
            String text = Files.readString(file);
            assertTrue(Pattern.compile("rule_files:\n *- \\.\\./cscore\\.rules\\.yml\n").matcher(text).find(),
                    file.toString());
        }
    }
}
