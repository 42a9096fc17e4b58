package io.github.cscore.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.testing.Tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PromQL of dashboards/cscore-overview.json: panel targets and variable queries. */
final class DashboardQueries {

    static final Path DASHBOARD = Tools.projectRoot().resolve("dashboards/cscore-overview.json");
    /** The title of the row of the signals CScoreExplanationDrift, CScoreConfidenceDrop and CScoreClassLeft read. */
    static final String EARLY_WARNING_ROW = "Early-warning signals";

    private DashboardQueries() {}

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every panel query, keyed by "panel title / refId". */
    static Map<String, String> panelQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        return queries;
    }

    /** The label_values queries of the template variables, as selectors: name to selector. */
    static Map<String, String> variableSelectors() throws IOException {
        Map<String, String> selectors = new LinkedHashMap<>();
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            if (query.startsWith("label_values(")) {
                String inner = query.substring("label_values(".length(), query.length() - 1);
                selectors.put(variable.path("name").asText(), inner.substring(0, inner.lastIndexOf(',')).strip());
            }
        }
        return selectors;
    }

    /** The PromQL of the Prometheus annotation queries (alerts, phase boundaries), by name. */
    static Map<String, String> annotationQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode annotation : dashboard().path("annotations").path("list")) {
            if (annotation.has("expr")) {
                queries.put(annotation.path("name").asText(), annotation.path("expr").asText());
            }
        }
        return queries;
    }

    /**
     * A query with the dashboard's variables given values (regular expressions; job, instance and
     * class match everything) and Grafana's own.
     */
    static String substitute(String query, String run, String model, String technique) {
        return query.replace("$run", run).replace("$model", model).replace("$technique", technique)
                .replace("$job", ".*").replace("$instance", ".*").replace("$class", ".*")
                .replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h");
    }

    /** The panel queries and the variable queries that depend on $run, for one run. */
    static List<String> filteredBy(String run) throws IOException {
        List<String> queries = new ArrayList<>();
        panelQueries().values().forEach(q -> queries.add(substitute(q, run, ".*", ".*")));
        variableSelectors().forEach((name, q) -> {
            if (q.contains("$run")) {
                // job and instance come before the run (they choose among runs): only those after it are filtered
                queries.add(substitute(q, run, ".*", ".*"));
            }
        });
        return queries;
    }

    /** The panels below a row, up to the next row, in the order of the grid. */
    static List<JsonNode> rowPanels(String row) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        dashboard().path("panels").forEach(all::add);
        all.sort(Comparator.comparingInt((JsonNode p) -> p.path("gridPos").path("y").asInt())
                .thenComparingInt(p -> p.path("gridPos").path("x").asInt()));
        List<JsonNode> panels = new ArrayList<>();
        boolean inRow = false;
        for (JsonNode panel : all) {
            if (panel.path("type").asText().equals("row")) {
                inRow = panel.path("title").asText().equals(row);
            } else if (inRow) {
                panels.add(panel);
            }
        }
        if (panels.isEmpty()) {
            throw new AssertionError("no panels in row " + row);
        }
        return panels;
    }

    static List<String> all(String run) throws IOException {
        List<String> queries = new ArrayList<>();
        panelQueries().values().forEach(q -> queries.add(substitute(q, run, ".*", ".*")));
        variableSelectors().values().forEach(q -> queries.add(substitute(q, run, ".*", ".*")));
        return queries;
    }
}
