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
import io.github.cscore.alert.ClassLeft;
import io.github.cscore.alert.ConfidenceDrop;
import io.github.cscore.alert.DriftFromBest;
import io.github.cscore.alert.ExplanationDrift;
import io.github.cscore.alert.GoldListCollapse;
import io.github.cscore.alert.PrometheusRules;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.metric.MeterDefinition;
import io.github.cscore.result.Phase;
import io.github.cscore.testing.Tools;

import io.micrometer.core.instrument.Meter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * dashboards/cscore-overview.json is a valid Grafana dashboard (type-checked against Grafana's
 * published types with tsc), every query parses (promtool), every query names only metrics the
 * exporter registers, its recording rules, or Prometheus' own, and only the labels those metrics
 * carry; threshold lines and the numbers the descriptions quote are the alert rules' defaults.
 */
class DashboardTest {

    private static final Path CHECK = Tools.projectRoot().resolve("dashboards/schema-check");
    /** Label keys of every exported series besides its own: the common ones and the scrape's. */
    private static final Set<String> COMMON_LABELS = Set.of(CScoreMeters.RUN, CScoreMeters.MODEL, "job", "instance");
    /** Labels of the series Prometheus makes for alerts ({@code ALERTS}): the rule's labels and its state. */
    private static final Set<String> ALERT_LABELS = Set.of("alertname", "alertstate", "severity", CScoreMeters.RUN,
            CScoreMeters.MODEL, CScoreMeters.TECHNIQUE, CScoreMeters.CLASS, "job", "instance");
    /** A metric name and the label matchers in its braces. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    /** One label matcher, {@code name=~"value",}: name, operator, value (escapes kept). */
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final String EARLY_WARNING = DashboardQueries.EARLY_WARNING_ROW;
    private static final String DRIFT_FROM_PREVIOUS = "Explanation drift from the previous checkpoint";
    private static final String DRIFT_FROM_BEST = "Explanation drift from the best-AUC checkpoint";
    private static final String CONFIDENCE = "Class confidence with AUC per class";
    private static final String CROSS_CLASS = "Cross-class similarity";

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
        assertEquals(ExplanationDrift.Settings.DEFAULT_THRESHOLD, threshold(DRIFT_FROM_PREVIOUS));
        assertEquals(DriftFromBest.Settings.DEFAULT_THRESHOLD, threshold(DRIFT_FROM_BEST));
        for (String title : List.of("C-Score per technique", "C-Score per class", "Gold-list size", "Flat-map share",
                DRIFT_FROM_PREVIOUS)) {
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

    @Test
    void selectorsMatchOnlyLabelsTheirMetricsCarryAndKnownValuesOfFixedLabels() throws Exception {
        Map<String, Set<String>> exported = exportedLabels();
        Map<String, Set<String>> fixed = Map.of(CScoreMeters.REFERENCE, Set.of(CScoreMeters.PREVIOUS, CScoreMeters.BEST),
                CScoreMeters.PHASE_LABEL, Arrays.stream(Phase.values()).map(Phase::label).collect(Collectors.toSet()));
        List<String> queries = new ArrayList<>(DashboardQueries.all(".*"));
        queries.addAll(DashboardQueries.annotationQueries().values());

        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                String metric = selector.group(1);
                // A recording rule's labels are those of the series it records from; its name is checked above.
                Set<String> labels = metric.equals("ALERTS") ? ALERT_LABELS : exported.get(metric);
                for (String[] matcher : matchers(selector.group(2), query)) {
                    assertTrue(labels == null || labels.contains(matcher[0]), metric + " has no label " + matcher[0]
                            + " (it has " + labels + "): " + query);
                    assertTrue(!fixed.containsKey(matcher[0]) || fixed.get(matcher[0]).contains(matcher[1]),
                            matcher[0] + "=\"" + matcher[1] + "\" is none of " + fixed.get(matcher[0]) + ": " + query);
                }
            }
        }
    }

    @Test
    void legendsNameOnlyLabelsOfTheSeriesTheyLabel() throws Exception {
        Map<String, Set<String>> exported = exportedLabels();
        Set<String> anyExported = new HashSet<>();
        exported.values().forEach(anyExported::addAll);

        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                Set<String> available = new HashSet<>();
                Matcher selector = SELECTOR.matcher(expr);
                while (selector.find()) {
                    available.addAll(selector.group(1).equals("ALERTS") ? ALERT_LABELS
                            : exported.getOrDefault(selector.group(1), anyExported));
                }
                Matcher legend = LEGEND_LABEL.matcher(target.path("legendFormat").asText(""));
                while (legend.find()) {
                    assertTrue(available.contains(legend.group(1)), panel.path("title").asText() + ": {{"
                            + legend.group(1) + "}} is no label of " + expr);
                }
            }
        }
    }

    @Test
    void theEarlyWarningRowShowsTheSignalsItsAlertsRead() throws Exception {
        assertEquals(List.of(DRIFT_FROM_PREVIOUS, DRIFT_FROM_BEST, CONFIDENCE, CROSS_CLASS),
                DashboardQueries.rowPanels(EARLY_WARNING).stream().map(p -> p.path("title").asText().split(";")[0])
                        .toList());
        String drift = CScoreMeters.EXPLANATION_DRIFT.prometheusName() + "{";
        String reference = CScoreMeters.REFERENCE + "=\"";

        assertTrue(expr(DRIFT_FROM_PREVIOUS, "A").startsWith(drift), expr(DRIFT_FROM_PREVIOUS, "A"));
        assertTrue(expr(DRIFT_FROM_PREVIOUS, "A").contains(reference + CScoreMeters.PREVIOUS + "\""));
        assertTrue(expr(DRIFT_FROM_BEST, "A").startsWith(drift), expr(DRIFT_FROM_BEST, "A"));
        assertTrue(expr(DRIFT_FROM_BEST, "A").contains(reference + CScoreMeters.BEST + "\""));
        assertTrue(expr(CONFIDENCE, "A").startsWith(CScoreMeters.CLASS_CONFIDENCE.prometheusName() + "{"));
        assertTrue(expr(CONFIDENCE, "B").startsWith(CScoreMeters.VALIDATION_AUC.prometheusName() + "{"));
        assertTrue(expr(CONFIDENCE, "B").contains(CScoreMeters.CLASS + "!=\"" + CScoreMeters.MACRO + "\""),
                "the macro AUC is no class");
        assertTrue(expr(CROSS_CLASS, "A").startsWith(CScoreMeters.CROSS_CLASS_SIMILARITY.prometheusName() + "{"));
        for (JsonNode panel : DashboardQueries.rowPanels(EARLY_WARNING)) {
            assertTrue(panel.path("targets").get(0).path("expr").asText().contains("class=~\"$class\""),
                    panel.path("title").asText());
        }
    }

    @Test
    void earlyWarningDescriptionsNameTheirAlertsAndQuoteTheRulesDefaults() throws Exception {
        String drift = panel(DRIFT_FROM_PREVIOUS).path("description").asText();
        String confidence = panel(CONFIDENCE).path("description").asText();

        assertTrue(drift.contains(ExplanationDrift.NAME), drift);
        assertTrue(drift.contains("at least " + ExplanationDrift.Settings.DEFAULT_MIN_TECHNIQUES + " techniques"), drift);
        assertTrue(drift.contains("red line (" + ExplanationDrift.Settings.DEFAULT_THRESHOLD + ")"), drift);
        assertTrue(confidence.contains(ConfidenceDrop.NAME) && confidence.contains(ClassLeft.NAME), confidence);
        assertTrue(confidence.contains("at least " + ConfidenceDrop.Settings.DEFAULT_DROP + " below"), confidence);
        assertTrue(confidence.contains("last " + ConfidenceDrop.Settings.DEFAULT_WINDOW + " checkpoints"), confidence);
        assertTrue(confidence.contains("first " + ConfidenceDrop.Settings.DEFAULT_AFTER_UNFREEZE
                + " fine-tuning checkpoints"), confidence);
        String fromBest = panel(DRIFT_FROM_BEST).path("description").asText();
        assertTrue(fromBest.contains(DriftFromBest.NAME), fromBest);
        assertTrue(fromBest.contains("at least " + DriftFromBest.Settings.DEFAULT_MIN_TECHNIQUES + " techniques"), fromBest);
        assertTrue(fromBest.contains("red line (" + DriftFromBest.Settings.DEFAULT_THRESHOLD + ")"), fromBest);
        assertTrue(panel(CROSS_CLASS).path("description").asText().contains(ExplanationDrift.NAME));
    }

    @Test
    void panelsSayingShadedFineTuningShadeIt() throws Exception {
        int shaded = 0;
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            String title = panel.path("title").asText();
            if (title.endsWith("shaded: fine-tuning")) {
                shaded++;
                boolean phase = false;
                for (JsonNode target : panel.path("targets")) {
                    phase |= target.path("expr").asText().contains("phase=\"finetune\"")
                            && target.path("legendFormat").asText().endsWith("fine-tuning");
                }
                assertTrue(phase, title);
                assertTrue(panel.path("fieldConfig").path("overrides").toString()
                        .contains("{\"matcher\":{\"id\":\"byRegexp\",\"options\":\".*fine-tuning\"},\"properties\":"
                                + "[{\"id\":\"custom.fillOpacity\""), title);
            }
        }
        assertEquals(5, shaded, "the C-Score per technique and the four early-warning panels");
    }

    @Test
    void theRunbooksOfTheEarlyWarningAlertsPointToTheirPanels() throws Exception {
        String drift = runbookSection(ExplanationDrift.NAME);
        String confidence = runbookSection(ConfidenceDrop.NAME);
        String left = runbookSection(ClassLeft.NAME);

        for (String title : List.of(DRIFT_FROM_PREVIOUS, DRIFT_FROM_BEST, CROSS_CLASS)) {
            assertTrue(drift.contains("\"" + title + "\""), ExplanationDrift.NAME + " does not point to " + title);
        }
        assertTrue(confidence.contains("\"" + CONFIDENCE + "\""), ConfidenceDrop.NAME + " does not point to " + CONFIDENCE);
        assertTrue(left.contains("\"" + CONFIDENCE + "\"") && left.contains("\"Gold-list size per class\""), left);
        for (String section : List.of(drift, confidence, left)) {
            assertTrue(section.contains("\"" + EARLY_WARNING + "\""), section);
            assertFalse(section.contains("no panel"), section);
        }
    }

    /** A runbook's section of docs/alerts.md, from its anchor to the next, its lines joined. */
    private static String runbookSection(String rule) throws Exception {
        String runbook = Files.readString(Tools.projectRoot().resolve("docs/alerts.md"));
        int start = runbook.indexOf("<a id=\"" + rule + "\"></a>");
        assertTrue(start >= 0, "no section " + rule);
        int end = runbook.indexOf("<a id=", start + 1);
        return runbook.substring(start, end < 0 ? runbook.length() : end).replaceAll("\\s+", " ");
    }

    /** The query of a panel's target. */
    private static String expr(String title, String refId) throws Exception {
        for (JsonNode target : panel(title).path("targets")) {
            if (target.path("refId").asText().equals(refId)) {
                return target.path("expr").asText();
            }
        }
        throw new AssertionError("no query " + refId + " in " + title);
    }

    /** The label keys of each exported series by its Prometheus name: the meter's own and the common ones. */
    private static Map<String, Set<String>> exportedLabels() {
        Map<String, Set<String>> labels = new HashMap<>();
        for (MeterDefinition meter : CScoreMeters.ALL) {
            Set<String> keys = new HashSet<>(COMMON_LABELS);
            keys.addAll(meter.labels());
            labels.put(meter.prometheusName(), keys);
            if (meter.type() == Meter.Type.TIMER) {
                for (String series : List.of("_count", "_sum", "_max")) {
                    labels.put(meter.prometheusName() + series, keys);
                }
            }
        }
        return labels;
    }

    /** The label matchers of a selector's braces, each as {name, value}; fails on anything else in them. */
    private static List<String[]> matchers(String braces, String query) {
        List<String[]> matchers = new ArrayList<>();
        Matcher matcher = MATCHER.matcher(braces);
        int at = 0;
        while (!braces.substring(at).isBlank()) {
            matcher.region(at, braces.length());
            assertTrue(matcher.lookingAt(), "cannot read the label matchers {" + braces + "} in " + query);
            matchers.add(new String[] {matcher.group(1), matcher.group(3)});
            at = matcher.end();
        }
        return matchers;
    }
}
