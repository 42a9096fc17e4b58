package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.PrometheusRules;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code cscore rules} renders the engine's rules for the period, job and links given. */
class RulesCommandTest {

    @Test
    void withTheDefaultsItPrintsTheCommittedRuleFile() throws Exception {
        CommandLineTest.Run run = CommandLineTest.run("rules");

        assertEquals(0, run.status(), run.err());
        assertEquals(Files.readString(Tools.projectRoot().resolve("alert-rules/cscore.rules.yml")), run.out());
    }

    @Test
    void rendersTheEngineRulesForTheGivenPeriodJobAndLinksThatPromtoolAccepts(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("rules/demo.rules.yml");

        CommandLineTest.Run run = CommandLineTest.run("rules", "--period", "30s", "--job", "demo",
                "--runbook-base", "https://wiki.example.org/ml/alerts.md",
                "--dashboard-url", "https://grafana.example.org/d/cscore-overview?orgId=2", "--out", file.toString());

        assertEquals(0, run.status(), run.err());
        String yaml = Files.readString(file);
        assertEquals(PrometheusRules.render(AlertEngine.ofDefaults().rules(), Duration.ofSeconds(30), "demo",
                URI.create("https://wiki.example.org/ml/alerts.md"),
                URI.create("https://grafana.example.org/d/cscore-overview?orgId=2")), yaml);
        assertTrue(yaml.contains("runbook_url: 'https://wiki.example.org/ml/alerts.md#cscoreexporterabsent'"), yaml);
        assertTrue(yaml.contains("dashboard_url: 'https://grafana.example.org/d/cscore-overview?orgId=2{{ if $labels.run }}"
                + "&var-run="), yaml);
        assertTrue(yaml.contains("for: 30s"), "persistence over two checkpoints is one period");
        assertTrue(yaml.contains("cscore_training_active{job=\"demo\"}"), yaml);
        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result check = Tools.run(folder, 60, Tools.command(promtool, "check", "rules", "--lint-fatal", file.toString()));
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    void aRelativeRunbookIsRefusedNamingTheOption() {
        CommandLineTest.Run run = CommandLineTest.run("rules", "--runbook-base", "docs/alerts.md");

        assertEquals(2, run.status());
        assertEquals("cscore: --runbook-base must be an absolute http(s) URL with a host and no query or fragment, but was "
                + "'docs/alerts.md'", run.err().strip());
    }

    @Test
    void aPeriodThatIsNoDurationIsRefusedNamingTheOption() {
        CommandLineTest.Run run = CommandLineTest.run("rules", "--period", "five minutes");

        assertEquals(2, run.status());
        assertEquals("cscore: --period must be a duration such as 30s, 5m or 1h30m, but was 'five minutes'",
                run.err().strip());
    }

    @Test
    void aJobWithQuotesIsRefusedNamingTheOption() {
        CommandLineTest.Run run = CommandLineTest.run("rules", "--job", "a\"b");

        assertEquals(2, run.status());
        assertEquals("cscore: --job must be a plain name of letters, digits, _ . and -, but was 'a\"b'", run.err().strip());
    }
}
