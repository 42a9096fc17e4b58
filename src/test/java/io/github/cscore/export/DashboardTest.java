package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.alert.AlertRule;
import io.github.cscore.alert.AttributionCollapse;
import io.github.cscore.alert.BelowFloor;
import io.github.cscore.alert.BuiltInRules;
import io.github.cscore.alert.GoldListCollapse;
import io.github.cscore.alert.PrometheusRules;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dashboards/cscore-overview.json is a valid Grafana dashboard (type-checked against Grafana's
 * published types with tsc), every query parses (promtool), and every query names only metrics
 * the exporter registers, its recording rules, or Prometheus' own.
 */
class DashboardTest {

    private static final Path CHECK = Tools.projectRoot().resolve("dashboards/schema-check");

    @Test
    void dashboardTypeChecksAgainstGrafanaSchema() throws Exception {
        Path npm = Tools.require("npm", "npm (and nodejs)");
        Tools.require("node", "nodejs");

        Tools.Result install = Tools.run(CHECK, 600, Tools.command(npm, "ci", "--no-audit", "--no-fund"));
        assertEquals(0, install.exitCode(), "npm ci failed:\n" + install.output());
        Tools.Result check = Tools.run(CHECK, 300, Tools.command(npm, "run", "--silent", "check"));

        assertEquals(0, check.exitCode(), "the dashboard does not type-check against @grafana/schema:\n" + check.output());
    }

    @Test
    void everyQueryParsesWithPromtool(@TempDir Path dir) throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        List<Map<String, String>> rules = new ArrayList<>();
        int n = 0;
        List<String> queries = new ArrayList<>(DashboardQueries.all("r1"));
        for (String annotation : DashboardQueries.annotationQueries().values()) {
            queries.add(DashboardQueries.substitute(annotation, "r1", ".*", ".*"));
        }
        for (String query : queries) {
            rules.add(Map.of("record", "dashboard:query_" + n++, "expr", query));
        }
        Map<String, Object> file = Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)));
        Path rulesFile = dir.resolve("dashboard.rules.json");
        new ObjectMapper().writeValue(rulesFile.toFile(), file);

        Tools.Result result = Tools.run(dir, 60, Tools.command(promtool, "check", "rules", rulesFile.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: " + n + " rules found"), result.output());
    }

    @Test
    void queriesNameOnlyExportedMetricsRecordingRulesOrPrometheusOwn() throws Exception {
        Set<String> known = new HashSet<>(List.of("ALERTS"));
        CScoreMeters.ALL.forEach(m -> known.add(m.prometheusName()));
        known.add("cscore_checkpoint_duration_seconds_sum");
        known.add("cscore_checkpoint_duration_seconds_count");
        Matcher records = Pattern.compile("- record: (\\S+)").matcher(
                Files.readString(Tools.projectRoot().resolve("alert-rules/cscore.rules.yml")));
        while (records.find()) {
            known.add(records.group(1));
        }
        Pattern metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

        for (String query : DashboardQueries.all(".*")) {
            Matcher m = metric.matcher(query);
            while (m.find()) {
                assertTrue(known.contains(m.group(1)), m.group(1) + " in " + query);
            }
        }
    }

    @Test
    void panelsHaveUniqueIdsGridPositionsAndTheDatasourceVariable() throws Exception {
        JsonNode dashboard = DashboardQueries.dashboard();
        Set<Integer> ids = new HashSet<>();

        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate id " + panel.path("id"));
            assertTrue(panel.has("gridPos"), panel.path("title").asText());
            if (!panel.path("type").asText().equals("row")) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v.path("type").asText()));
        assertEquals(List.of("datasource", "job", "instance", "run", "model", "technique", "class"),
                List.copyOf(variables.keySet()));
        assertFalse(dashboard.has("__inputs"), "keep the plain provisioning form (no __inputs)");
    }

    /** A panel by the start of its title. */
    private static JsonNode panel(String title) throws Exception {
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            if (panel.path("title").asText().startsWith(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel " + title);
    }

    /** The first threshold above the base step of a panel's defaults. */
    private static double threshold(String title) throws Exception {
        return panel(title).path("fieldConfig").path("defaults").path("thresholds").path("steps").get(1).path("value")
                .asDouble();
    }

    @Test
    void thresholdLinesAreTheAlertRulesDefaults() throws Exception {
        assertEquals(BelowFloor.Settings.DEFAULT_FLOOR, threshold("C-Score per technique"));
        assertEquals(BelowFloor.Settings.DEFAULT_FLOOR, threshold("C-Score per class"));
        assertEquals(GoldListCollapse.Settings.DEFAULT_GOLD_MINIMUM, threshold("Gold-list size"));
        assertEquals(AttributionCollapse.Settings.DEFAULT_FLAT_SHARE, threshold("Flat-map share"));
        for (String title : List.of("C-Score per technique", "C-Score per class", "Gold-list size", "Flat-map share")) {
            assertEquals("line+area", panel(title).path("fieldConfig").path("defaults").path("custom")
                    .path("thresholdsStyle").path("mode").asText(), title);
        }
    }

    @Test
    void everyPanelHasAUnitAndADescription() throws Exception {
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            if (!panel.path("type").asText().equals("row") && !panel.path("title").asText().equals("Firing alerts")) {
                assertFalse(panel.path("fieldConfig").path("defaults").path("unit").asText().isEmpty(),
                        panel.path("title").asText());
            }
            assertTrue(panel.path("type").asText().equals("row") || panel.path("description").asText().length() > 40,
                    panel.path("title").asText());
        }
    }

    @Test
    void theRunStatePanelMapsTrainingAndTheEnginePath() throws Exception {
        String overrides = panel("Run state").path("fieldConfig").path("overrides").toString();

        assertTrue(overrides.contains("\"text\":\"training\"") && overrides.contains("\"text\":\"ended\""), overrides);
        assertTrue(overrides.contains("\"text\":\"safe path\""), overrides);
    }

    @Test
    void instantPanelsKeepTheLastValuesOfRunsThatEnded() throws Exception {
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                boolean now = panel.path("title").asText().equals("Firing alerts");
                if (target.path("instant").asBoolean() && !now) {
                    assertTrue(target.path("expr").asText().contains("last_over_time("), panel.path("title").asText()
                            + ": an instant query of the last scrape goes empty when the run ends");
                }
            }
        }
    }

    @Test
    void theFiringAlertsPanelShowsAlertsWithoutARunLabelAndLinksEachToItsRunbookSection() throws Exception {
        JsonNode alerts = panel("Firing alerts");
        String prometheus = alerts.path("targets").get(0).path("expr").asText();

        assertTrue(prometheus.contains("run=\"\""), "alerts without a run label pass the run filter: " + prometheus);
        String link = alerts.path("fieldConfig").path("overrides").toString();
        assertTrue(link.contains(PrometheusRules.DEFAULT_RUNBOOK + "#${__value.raw}"), link);
        String runbook = Files.readString(Tools.projectRoot().resolve("docs/alerts.md"));
        for (AlertRule rule : BuiltInRules.ofDefaults()) {
            assertTrue(runbook.contains("<a id=\"" + rule.rule() + "\"></a>\n\n## " + rule.rule() + "\n"),
                    "docs/alerts.md has no anchor for the dashboard's link to " + rule.rule());
        }
    }

    @Test
    void annotationsMarkAlertsAndTheStartOfFineTuning() throws Exception {
        Map<String, String> annotations = DashboardQueries.annotationQueries();

        assertTrue(annotations.get("C-Score alerts").startsWith("ALERTS{"), annotations.toString());
        assertTrue(annotations.get("Fine-tuning starts").contains("phase=\"finetune\""), annotations.toString());
    }
}
