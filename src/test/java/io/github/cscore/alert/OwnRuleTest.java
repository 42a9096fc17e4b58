package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.alert.own.AccuracyFloor;
import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A twelfth rule is one file ({@link AccuracyFloor}): the engine fires it, and the Prometheus rule
 * file rendered from the engine's rules holds it, as promtool accepts.
 */
class OwnRuleTest {

    private static final AlertRule OWN = new AccuracyFloor(new AccuracyFloor.Settings(0.9, 2));

    /** Accuracy 0.875 (below the rule's 0.9), a healthy C-Score. */
    private static CheckpointResult checkpoint(int epoch) {
        return Results.classes(List.of("NORMAL"), new int[] {12}, new double[] {0.95})
                .scored(Technique.GRAD_CAM, new double[] {0.5}, new int[] {0})
                .epoch(epoch)
                .build("r1");
    }

    @Test
    void theEngineFiresARuleOfOneFileAtItsForCheckpoints() {
        AlertEngine engine = AlertEngine.builder().optRule(OWN).build();

        List<AlertEvent> first = engine.evaluate(checkpoint(1));
        List<AlertEvent> second = engine.evaluate(checkpoint(2));

        assertTrue(first.isEmpty(), first.toString());
        assertEquals(1, second.size(), second.toString());
        assertEquals(AccuracyFloor.NAME, second.get(0).rule());
        assertEquals("accuracy on the sample is 0.88, below 0.9", second.get(0).message());
    }

    @Test
    void theRenderedRuleFileHoldsItAfterTheBuiltInOnes() {
        // snippet: alert-own-rule
        AlertEngine engine = AlertEngine.builder()
                .optRule(new AccuracyFloor(new AccuracyFloor.Settings(0.9, 2)))   // added to the built-in rules
                .optRule(new BelowFloor(new BelowFloor.Settings(0.2, 2)))         // replaces the built-in one
                .build();
        String yaml = PrometheusRules.render(engine.rules(), Duration.ofMinutes(5), "cscore",
                "https://wiki.example.org/ml/alerts.md");
        // end-snippet

        assertTrue(yaml.contains("cscore_consistency < 0.2\n"), yaml);
        assertTrue(yaml.endsWith("""
                      - alert: CScoreAccuracyFloor
                        expr: |
                          cscore_validation_accuracy < 0.9
                        for: 5m
                        labels:
                          severity: warning
                        annotations:
                          summary: 'Accuracy below 0.9 in run {{ $labels.run }} ({{ $labels.model }})'
                          description: 'In run {{ $labels.run }} ({{ $labels.model }}) the accuracy on the monitor''s \
                sample is {{ $value | printf "%.2f" }}, below 0.9 for 2 checkpoints.'
                          runbook_url: 'https://wiki.example.org/ml/alerts.md#cscoreaccuracyfloor'
                          dashboard_url: 'http://localhost:3000/d/cscore-overview{{ if $labels.run }}?var-run={{ $labels.run \
                | urlquery }}&var-model={{ $labels.model | urlquery }}{{ end }}'
                """), yaml);
    }

    @Test
    void promtoolAcceptsTheRenderedFile(@TempDir Path folder) throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Path rules = folder.resolve("own.rules.yml");
        AlertEngine engine = AlertEngine.builder().optRule(OWN).build();
        String yaml = PrometheusRules.render(engine.rules(), PrometheusRules.DEFAULT_PERIOD, "cscore",
                PrometheusRules.DEFAULT_RUNBOOK);
        Files.writeString(rules, yaml);

        Tools.Result result = Tools.run(folder, 60, Tools.command(promtool, "check", "rules", "--lint-fatal",
                rules.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: " + RuleFileTest.ruleCount(yaml) + " rules found"), result.output());
        assertEquals(RuleFileTest.ruleCount(PrometheusRules.renderDefaults()) + 1, RuleFileTest.ruleCount(yaml));
    }
}
