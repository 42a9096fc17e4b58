package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.Tools;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenarios of {@code src/test/resources/scenarios}, each run through the in-process engine
 * and, as the series the exporter would expose, through the committed Prometheus rules with
 * {@code promtool test rules}: both must fire what the scenario expects, at the same checkpoints.
 */
class ScenarioTest {

    /** The rules the engine evaluates; the others only Prometheus can. */
    private static final List<String> IN_PROCESS = BuiltInRules.ofDefaults().stream()
            .filter(rule -> rule.detector().isPresent()).map(AlertRule::rule).toList();

    private static final Path OUT = Tools.projectRoot().resolve("target/promtool-scenarios");

    @ParameterizedTest
    @ValueSource(strings = {"steady", "slow-drift", "scorecam-collapse", "gold-collapse", "class-masked",
            "attribution-collapse", "exporter-gone", "technique-failing", "unfreeze-dip", "dissociation-persists",
            "class-leaving"})
    void detectorsFireWhatTheScenarioExpectsAtEachCheckpoint(String name) throws Exception {
        Scenario scenario = Scenario.load(name);
        AlertEngine engine = AlertEngine.ofDefaults();

        for (int i = 0; i < scenario.results().size(); i++) {
            engine.evaluate(scenario.results().get(i));

            Set<AlertKey> expected = new LinkedHashSet<>(scenario.expected().get(i));
            expected.removeIf(key -> !IN_PROCESS.contains(key.rule()));
            assertEquals(expected, engine.firing(), name + ", checkpoint " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"steady", "slow-drift", "scorecam-collapse", "gold-collapse", "class-masked",
            "attribution-collapse", "exporter-gone", "technique-failing", "unfreeze-dip", "dissociation-persists",
            "class-leaving"})
    void prometheusRulesFireTheSameAlertsAtTheSameCheckpoints(String name) throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Path test = new PromtoolScenario(Scenario.load(name)).write(OUT, RuleFileTest.RULES);

        Tools.Result result = Tools.run(OUT, 120, Tools.command(promtool, "test", "rules", test.getFileName().toString()));

        assertEquals(0, result.exitCode(), "promtool disagrees with the detectors on " + name + ":\n" + result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
        assertFalse(result.output().contains("FAILED"), result.output());
    }
}
