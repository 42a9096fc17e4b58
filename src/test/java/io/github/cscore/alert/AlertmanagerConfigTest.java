package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

/** alert-rules/alertmanager.example.yml is valid for amtool and routes as its comments say. */
class AlertmanagerConfigTest {

    private static final Path CONFIG = Tools.projectRoot().resolve("alert-rules/alertmanager.example.yml");

    @Test
    void amtoolAcceptsTheExample() throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");

        Tools.Result result = Tools.run(CONFIG.getParent(), 60, Tools.command(amtool, "check-config", CONFIG.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @ParameterizedTest
    @CsvSource({
        "CScoreAucDissociation, critical, r1, ml-oncall-page",
        "CScoreExporterAbsent, critical, '', ml-oncall-page",
        "CScoreRelativeDrop, warning, r1, ml-oncall",
        "CScoreDownTrend, info, r1, ml-dashboard",
        "CScoreAucDissociation, critical, exp-7, ml-dashboard",
    })
    void alertsRouteBySeverityAndRun(String alert, String severity, String run, String receiver) throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");

        Tools.Result result = Tools.run(CONFIG.getParent(), 60, Tools.command(amtool, "config", "routes", "test",
                "--config.file=" + CONFIG, "--verify.receivers=" + receiver, "alertname=" + alert,
                "severity=" + severity, "run=" + run));

        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyRuleOfTheRuleFileIsCoveredByARoutePattern() throws Exception {
        String rules = Files.readString(RuleFileTest.RULES);

        for (String rule : BuiltInRules.ofDefaults().stream().map(AlertRule::rule).toList()) {
            assertTrue(rule.matches("CScore.*") && rules.contains("- alert: " + rule), rule);
        }
    }
}
