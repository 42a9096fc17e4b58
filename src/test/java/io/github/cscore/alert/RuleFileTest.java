package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.SkipReason;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed rule file is what {@link PrometheusRules} renders from the default thresholds,
 * and promtool accepts it. To update it after changing the thresholds or the rules, run {@code mvn
 * -q -B test -Dtest=RuleFileTest -Dcscore.rules.write=true}.
 */
class RuleFileTest {

    static final Path RULES = Tools.projectRoot().resolve("alert-rules/cscore.rules.yml");

    @Test
    void committedRuleFileIsTheRenderingOfTheDefaults() throws Exception {
        String rendered = PrometheusRules.renderDefaults();
        if (Boolean.getBoolean("cscore.rules.write")) {
            Files.writeString(RULES, rendered);
        }

        assertEquals(rendered, Files.readString(RULES), "alert-rules/cscore.rules.yml is out of date: run "
                + "mvn -q -B test -Dtest=RuleFileTest -Dcscore.rules.write=true");
    }

    @Test
    void promtoolAcceptsTheRuleFileWithoutLintFindings() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");

        Tools.Result result = Tools.run(RULES.getParent(), 60,
                Tools.command(promtool, "check", "rules", "--lint-fatal", RULES.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: " + ruleCount(Files.readString(RULES)) + " rules found"), result.output());
    }

    /** Recording and alerting rules of a rendered file. */
    static int ruleCount(String yaml) {
        return yaml.split("\n      - (record|alert): ", -1).length - 1;
    }

    @Test
    void noRuleReadsASkipTheTimeBudgetMadeAsAFailure() {
        String rendered = PrometheusRules.renderDefaults();

        assertTrue(rendered.contains("reason=~\"error|timeout|circuit_open\""), rendered);
        assertFalse(rendered.contains(SkipReason.SCHEDULED_OUT.label()), rendered);
    }

    @Test
    void everyRuleIsInTheFileOnce() throws Exception {
        String text = Files.readString(RULES);

        for (String rule : BuiltInRules.ofDefaults().stream().map(AlertRule::rule).toList()) {
            assertEquals(1, text.split("- alert: " + rule + "\n", -1).length - 1, rule);
        }
    }

    @Test
    void everyBuiltInRuleHasItsRunbookAndARowInTheDefaultsTable() throws Exception {
        String runbooks = Files.readString(Tools.projectRoot().resolve("docs/alerts.md"));
        for (AlertRule rule : BuiltInRules.ofDefaults()) {
            assertTrue(runbooks.contains("<a id=\"" + rule.rule() + "\"></a>\n\n## " + rule.rule() + "\n"),
                    "docs/alerts.md has no runbook section for " + rule.rule());
            assertTrue(runbooks.contains("\n| " + rule.rule() + " | " + rule.severity().label() + " |"),
                    "docs/alerts.md's defaults table has no row for " + rule.rule());
        }
    }
}
