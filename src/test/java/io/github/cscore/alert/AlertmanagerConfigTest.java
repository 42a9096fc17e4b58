package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.result.Severity;
import io.github.cscore.testing.Service;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * alert-rules/alertmanager.example.yml is valid for amtool, routes every built-in rule by its
 * severity (critical pages, warning goes to the chat, info nowhere), and inhibits as its comments
 * say, checked with amtool against a real Alertmanager running the example.
 */
class AlertmanagerConfigTest {

    static final Path CONFIG = Tools.projectRoot().resolve("alert-rules/alertmanager.example.yml");

    /** The receiver each severity routes to. */
    static final Map<Severity, String> RECEIVERS = Map.of(Severity.CRITICAL, "ml-page", Severity.WARNING, "ml-chat",
            Severity.INFO, "ml-dashboard");

    @Test
    void amtoolAcceptsTheExample() throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");

        Tools.Result result = Tools.run(CONFIG.getParent(), 60, Tools.command(amtool, "check-config", CONFIG.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    static List<AlertRule> builtInRules() {
        return BuiltInRules.ofDefaults();
    }

    @ParameterizedTest
    @MethodSource("builtInRules")
    void everyBuiltInRuleRoutesByItsSeverity(AlertRule rule) throws Exception {
        String receiver = rule.rule().equals(Watchdog.NAME) ? "heartbeat" : RECEIVERS.get(rule.severity());
        assertRoutes(receiver, "alertname=" + rule.rule(), "severity=" + rule.severity().label(), "run=r1", "model=m");
    }

    @Test
    void theWatchdogReachesTheHeartbeatReceiverWithoutAnyLabelButItsSeverity() throws Exception {
        assertRoutes("heartbeat", "alertname=" + Watchdog.NAME, "severity=info");
    }

    @ParameterizedTest
    @CsvSource({
        "CScoreAucDissociation, critical, exp-7, ml-dashboard",
        "CScoreExporterAbsent, critical, exp-7, ml-dashboard",
        "CScoreRelativeDrop, warning, exp-7, ml-dashboard",
        "SomeoneElsesAlert, critical, r1, ml-dashboard",
    })
    void exploratoryRunsAndOtherAlertsNotifyNobody(String alert, String severity, String run, String receiver)
            throws Exception {
        assertRoutes(receiver, "alertname=" + alert, "severity=" + severity, "run=" + run);
    }

    private static void assertRoutes(String receiver, String... labels) throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");
        List<String> command = new ArrayList<>(List.of(amtool.toString(), "config", "routes", "test",
                "--config.file=" + CONFIG, "--verify.receivers=" + receiver));
        command.addAll(List.of(labels));

        Tools.Result result = Tools.run(CONFIG.getParent(), 60, command.toArray(String[]::new));

        assertEquals(0, result.exitCode(), String.join(" ", labels) + ": " + result.output());
    }

    @Test
    void aPageInhibitsTheWarningsOfItsRunAndTechniqueAndNothingElse(@TempDir Path dir) throws Exception {
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");
        int port = Service.freePort();
        try (Service alertmanager = Service.start("alertmanager",
                Tools.require("prometheus-alertmanager", "prometheus-alertmanager"), port, "/-/ready", dir,
                List.of("--config.file=" + CONFIG, "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="))) {
            String url = "--alertmanager.url=" + alertmanager.url("");
            List<String> alerts = List.of(
                    // sources
                    "alertname=CScoreAucDissociation severity=critical run=r1 model=m technique=scorecam",
                    "alertname=CScoreExporterAbsent severity=critical run=r2 model=m job=cscore instance=h:9464",
                    "alertname=CScoreCheckpointDegenerate severity=warning run=r3 model=m",
                    // inhibited: same run and technique as the page
                    "alertname=CScoreRelativeDrop severity=warning run=r1 model=m technique=scorecam class=NORMAL",
                    // not inhibited: another technique, another run, an info
                    "alertname=CScoreRelativeDrop severity=warning run=r1 model=m technique=gradcam class=NORMAL",
                    "alertname=CScoreRelativeDrop severity=warning run=r4 model=m technique=scorecam class=NORMAL",
                    "alertname=CScoreDownTrend severity=info run=r1 model=m technique=scorecam class=NORMAL",
                    // inhibited: a run-level warning of the dead run, and a stale score alert of its target
                    "alertname=CScoreTechniqueFailing severity=warning run=r2 model=m job=cscore instance=h:9464",
                    "alertname=CScoreBelowFloor severity=warning run=r2 model=m technique=gradcam class=A job=cscore "
                            + "instance=h:9464",
                    // inhibited: a score alert of the diverged run
                    "alertname=CScoreBelowFloor severity=warning run=r3 model=m technique=gradcam class=A");
            for (String alert : alerts) {
                List<String> command = new ArrayList<>(List.of(amtool.toString(), url, "alert", "add"));
                command.addAll(List.of(alert.split(" ")));
                Tools.Result added = Tools.run(dir, 60, command.toArray(String[]::new));
                assertEquals(0, added.exitCode(), added.output());
            }

            Set<String> inhibited = inhibited(amtool, url, dir);

            assertEquals(new TreeSet<>(List.of(
                    "CScoreBelowFloor run=r2 technique=gradcam",
                    "CScoreBelowFloor run=r3 technique=gradcam",
                    "CScoreRelativeDrop run=r1 technique=scorecam",
                    "CScoreTechniqueFailing run=r2 technique=")), inhibited);
        }
    }

    /** The alerts amtool lists as inhibited, once Alertmanager has processed all of them. */
    private static Set<String> inhibited(Path amtool, String url, Path dir) throws Exception {
        Set<String> inhibited = new TreeSet<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Tools.Result query = Tools.run(dir, 60, Tools.command(amtool, url, "alert", "query", "--inhibited",
                    "--output=json"));
            assertEquals(0, query.exitCode(), query.output());
            inhibited.clear();
            for (JsonNode alert : new ObjectMapper().readTree(query.output())) {
                Map<String, String> labels = new TreeMap<>();
                alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                inhibited.add(labels.get("alertname") + " run=" + labels.get("run") + " technique="
                        + labels.getOrDefault("technique", ""));
            }
            if (inhibited.size() >= 4) {
                return inhibited;
            }
            Thread.sleep(300);
        }
        return inhibited;
    }

    @Test
    void everyRuleOfTheRuleFileIsCoveredByARoutePattern() throws Exception {
        String rules = Files.readString(RuleFileTest.RULES);

        for (String rule : BuiltInRules.ofDefaults().stream().map(AlertRule::rule).toList()) {
            assertTrue(rule.matches("CScore.*") && rules.contains("- alert: " + rule), rule);
        }
    }
}
