package io.github.cscore.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana cannot be installed here, so this renders what the dashboard's panels would show: every
 * panel's queries run against a live Prometheus (range queries for time series, instant ones for
 * stats and tables, Grafana's variables at "All", {@code $__range} the time range), their results
 * shaped as the panel's settings say (legend formats, units, decimals, thresholds, value mappings,
 * overrides by query and by name, the table transformations {@code merge}, {@code organize} and
 * {@code sortBy}, data links), and drawn on Grafana's 24-column grid by {@code dashboard-preview.js}
 * with ECharts. It is a stand-in, not Grafana's renderer: it shows that each panel's queries return
 * the data the panel is meant for, in the shape its settings give it.
 */
final class DashboardPreview {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private final String prometheus;
    private final Duration range;
    private final long end = System.currentTimeMillis() / 1000;

    private DashboardPreview(String prometheus, Duration range) {
        this.prometheus = prometheus;
        this.range = range;
    }

    /**
     * Queries every panel and writes the page.
     *
     * @param prometheus the Prometheus base URL
     * @param range the time range shown, ending now
     * @param html the page to write
     * @return the page
     */
    static Path write(String prometheus, Duration range, Path html) throws Exception {
        DashboardPreview preview = new DashboardPreview(prometheus, range);
        ObjectNode data = JSON.createObjectNode();
        ArrayNode panels = data.putArray("panels");
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            panels.add(preview.panel(panel));
        }
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>C-Score overview (preview)"
                + "</title><style>" + resource("dashboard-preview.css") + "</style></head><body>"
                + "<h1>C-Score overview <small>preview of dashboards/cscore-overview.json, data from a live Prometheus, "
                + "last " + range.toMinutes() + " min</small></h1><div id=\"dashboard\"></div>"
                + "<script type=\"application/json\" id=\"preview-data\">"
                + JSON.writeValueAsString(data).replace("<", "\\u003c") + "</script><script>" + echarts()
                + "</script><script>" + resource("dashboard-preview.js") + "</script></body></html>\n";
        Files.createDirectories(html.toAbsolutePath().getParent());
        Files.writeString(html, page, StandardCharsets.UTF_8);
        return html;
    }

    private ObjectNode panel(JsonNode panel) throws Exception {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", panel.path("type").asText());
        out.put("title", panel.path("title").asText());
        out.set("gridPos", panel.path("gridPos"));
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        out.put("unit", defaults.path("unit").asText("none"));
        out.set("decimals", defaults.path("decimals").isMissingNode() ? null : defaults.path("decimals"));
        out.set("min", defaults.path("min").isMissingNode() ? null : defaults.path("min"));
        out.set("max", defaults.path("max").isMissingNode() ? null : defaults.path("max"));
        JsonNode steps = defaults.path("thresholds").path("steps");
        out.set("threshold", steps.size() > 1 && defaults.path("custom").has("thresholdsStyle")
                ? steps.get(1).path("value") : null);
        out.put("step", defaults.path("custom").path("lineInterpolation").asText().equals("stepAfter"));
        out.put("points", !defaults.path("custom").path("showPoints").asText().equals("never"));
        switch (panel.path("type").asText()) {
            case "timeseries" -> out.set("series", timeseries(panel));
            case "stat" -> out.set("values", stat(panel));
            case "table" -> table(panel, out);
            default -> { }
        }
        return out;
    }

    private ArrayNode timeseries(JsonNode panel) throws Exception {
        ArrayNode series = JSON.createArrayNode();
        long step = Math.max(1, range.toSeconds() / 300);
        for (JsonNode target : panel.path("targets")) {
            JsonNode result = get("/api/v1/query_range?query=" + encode(expr(target)) + "&start=" + (end - range.toSeconds())
                    + "&end=" + end + "&step=" + step);
            for (JsonNode s : result.path("data").path("result")) {
                ObjectNode one = series.addObject();
                String name = legend(target, s.path("metric"));
                one.put("name", name);
                one.set("style", style(panel, name));
                ArrayNode points = one.putArray("points");
                for (JsonNode value : s.path("values")) {
                    ArrayNode point = points.addArray();
                    point.add(value.get(0).asDouble() * 1000);
                    point.add(number(value.get(1).asText()));
                }
            }
        }
        return series;
    }

    /** Dashed, area or a fixed colour, from the panel's overrides by name. */
    private static ObjectNode style(JsonNode panel, String name) {
        ObjectNode style = JSON.createObjectNode();
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("id").asText().equals("byRegexp")
                    && name.matches(override.path("matcher").path("options").asText())) {
                for (JsonNode property : override.path("properties")) {
                    switch (property.path("id").asText()) {
                        case "custom.lineStyle" -> style.put("dashed", true);
                        case "custom.fillOpacity" -> style.put("area", true);
                        case "color" -> style.put("color", property.path("value").path("fixedColor").asText()
                                .replace("text", "#444").replace("purple", "#8f3bb8"));
                        default -> { }
                    }
                }
            }
        }
        return style;
    }

    private ArrayNode stat(JsonNode panel) throws Exception {
        ArrayNode values = JSON.createArrayNode();
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        for (JsonNode target : panel.path("targets")) {
            ObjectNode settings = JSON.createObjectNode();
            settings.put("unit", defaults.path("unit").asText("none"));
            settings.set("decimals", defaults.path("decimals"));
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                if (override.path("matcher").path("options").asText().equals(target.path("refId").asText())) {
                    override.path("properties").forEach(p -> settings.set(p.path("id").asText(), p.path("value")));
                }
            }
            for (JsonNode s : instant(expr(target))) {
                ObjectNode value = values.addObject();
                value.put("name", legend(target, s.path("metric")));
                value.set("value", number(s.path("value").get(1).asText()));
                value.put("unit", settings.path("unit").asText());
                value.set("decimals", settings.path("decimals"));
                if (settings.has("mappings")) {
                    value.set("mapping", settings.path("mappings").get(0).path("options"));
                }
            }
        }
        return values;
    }

    /** The rows of every query (labels and value), merged, then organized and sorted as configured. */
    private void table(JsonNode panel, ObjectNode out) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode target : panel.path("targets")) {
            for (JsonNode s : instant(expr(target))) {
                Map<String, String> row = new TreeMap<>();
                s.path("metric").properties().forEach(e -> row.put(e.getKey(), e.getValue().asText()));
                row.put("Value", s.path("value").get(1).asText());
                rows.add(row);
            }
        }
        JsonNode organize = organizeOptions(panel);
        List<String> columns = columns(rows, organize);
        List<String> titles = columns.stream().map(c -> organize(c, organize)).toList();
        String sortBy = panel.path("options").path("sortBy").path(0).path("displayName").asText("");
        int sorted = titles.indexOf(sortBy);
        if (sorted >= 0) {
            rows.sort(Comparator.comparing(r -> r.getOrDefault(columns.get(sorted), "")));
        }
        ArrayNode links = out.putArray("links");
        ArrayNode tableRows = out.putArray("rows");
        for (String title : titles) {
            links.add(link(panel, title));
        }
        for (Map<String, String> row : rows) {
            ArrayNode cells = tableRows.addArray();
            for (String column : columns) {
                String text = row.getOrDefault(column, "");
                ObjectNode cell = cells.addObject();
                boolean score = column.equals("Value");
                cell.put("text", score ? String.format("%.2f", Double.parseDouble(text)) : text);
                if (score && Double.parseDouble(text) < cellThreshold(panel)) {
                    cell.put("background", "#f2495c");
                }
                if (column.equals("severity")) {
                    cell.put("color", Map.of("critical", "#e02f44", "warning", "#ff780a", "info", "#3274d9")
                            .getOrDefault(text, "#222"));
                }
            }
        }
        out.set("columns", JSON.valueToTree(titles));
    }

    private static JsonNode organizeOptions(JsonNode panel) {
        for (JsonNode transformation : panel.path("transformations")) {
            if (transformation.path("id").asText().equals("organize")) {
                return transformation.path("options");
            }
        }
        return JSON.createObjectNode();
    }

    /** The threshold a table colours its value cells red below, or -infinity. */
    private static double cellThreshold(JsonNode panel) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            for (JsonNode property : override.path("properties")) {
                if (property.path("id").asText().equals("thresholds")) {
                    return property.path("value").path("steps").path(1).path("value").asDouble();
                }
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** The columns kept, in the configured order, then the others by name. */
    private static List<String> columns(List<Map<String, String>> rows, JsonNode organize) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            for (String column : row.keySet()) {
                if (!organize.path("excludeByName").path(column).asBoolean(false)) {
                    order.putIfAbsent(column, organize.path("indexByName").path(column).asInt(100));
                }
            }
        }
        return order.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList();
    }

    private static String organize(String column, JsonNode organize) {
        return organize.path("renameByName").path(column).asText(column);
    }

    private static String link(JsonNode panel, String title) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("options").asText().equals(title)) {
                for (JsonNode property : override.path("properties")) {
                    if (property.path("id").asText().equals("links")) {
                        return property.path("value").path(0).path("url").asText();
                    }
                }
            }
        }
        return null;
    }

    private JsonNode instant(String query) throws Exception {
        return get("/api/v1/query?query=" + encode(query) + "&time=" + end).path("data").path("result");
    }

    private String expr(JsonNode target) {
        return DashboardQueries.substitute(target.path("expr").asText(), ".*", ".*", ".*")
                .replace("[1h]", "[" + range.toSeconds() + "s]");
    }

    private static String legend(JsonNode target, JsonNode metric) {
        String format = target.path("legendFormat").asText("");
        if (format.isEmpty()) {
            return metric.toString();
        }
        Matcher m = LABEL.matcher(format);
        return m.replaceAll(r -> Matcher.quoteReplacement(metric.path(r.group(1)).asText("")));
    }

    private JsonNode get(String path) throws Exception {
        return PrometheusApi.get(prometheus + path);
    }

    private static JsonNode number(String text) {
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? JSON.getNodeFactory().numberNode(value) : JSON.getNodeFactory().nullNode();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardPreview.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String echarts() throws IOException {
        try (InputStream in = DashboardPreview.class.getResourceAsStream(ECHARTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?i)</(script)", "<\\\\/$1");
        }
    }
}
