package io.github.cscore.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Phase;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario of {@code src/test/resources/scenarios}: a series of checkpoints, one per period,
 * written as columns, and the alerts expected at each checkpoint. Notation of a column: values
 * separated by spaces, {@code v*n} for n copies, {@code _} for undefined (NaN, or no skip).
 * Optional tables: {@code gold} and {@code confidence} per class, {@code flat} and {@code drift}
 * (from the previous checkpoint) per technique and class, {@code skips} per technique.
 *
 * @param name the file name without extension
 * @param description what it shows
 * @param results one checkpoint result per period
 * @param exporterUp per checkpoint, whether Prometheus could scrape the exporter
 * @param expected per checkpoint, the alerts firing there (rule, technique, class)
 */
record Scenario(String name, String description, List<CheckpointResult> results, List<Boolean> exporterUp,
        List<Set<AlertKey>> expected) {

    /** Time between two checkpoints: the period the committed rule file assumes. */
    static final Duration PERIOD = PrometheusRules.DEFAULT_PERIOD;
    static final String RUN = "scenario";
    static final String MODEL = "resnet50v2";

    static Scenario load(String name) throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".yml")) {
            if (in == null) {
                throw new IOException("no scenario " + name);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            return parse(name, root);
        }
    }

    private static Scenario parse(String name, JsonNode root) {
        int n = root.get("checkpoints").asInt();
        List<String> classes = strings(root.get("classes"));
        int sample = root.path("sample").asInt(16);
        List<String> auc = column(root.get("auc").asText(), n);
        List<CheckpointResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(checkpoint(root, i, n, classes, sample, Double.parseDouble(auc.get(i))));
        }
        List<Boolean> up = new ArrayList<>();
        List<String> exporter = column(root.path("exporter").asText("up*" + n), n);
        exporter.forEach(v -> up.add(v.equals("up")));
        return new Scenario(name, root.get("description").asText(), results, up, expectations(root, n));
    }

    private static CheckpointResult checkpoint(JsonNode root, int i, int n, List<String> classes, int sample, double auc) {
        boolean degenerate = column(root.path("degenerate").asText("_*" + n), n).get(i).equals("x");
        List<ClassMetrics> metrics = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            int gold = degenerate ? 0 : (int) Double.parseDouble(cell(root.get("gold"), classes.get(c), i, n, "14"));
            double confidence = number(cell(root.get("confidence"), classes.get(c), i, n, "_"));
            metrics.add(new ClassMetrics(c, classes.get(c), sample, gold, degenerate ? Double.NaN : auc,
                    degenerate ? Double.NaN : confidence));
        }
        CheckpointResult.Identity identity = new CheckpointResult.Identity(RUN, MODEL,
                root.path("firstEpoch").asInt(1) + i,
                i < root.path("transferCheckpoints").asInt(1) ? Phase.TRANSFER : Phase.FINETUNE);
        CheckpointResult.Timing timing =
                new CheckpointResult.Timing(Instant.ofEpochSecond(PERIOD.toSeconds() * i), 1.5, 0.5);
        Map<Technique, JsonNode> scores = new TreeMap<>();
        root.get("scores").properties().forEach(entry -> scores.put(Technique.fromLabel(entry.getKey()), entry.getValue()));
        if (degenerate) {
            return CheckpointResult.degenerate(identity, timing, metrics, scores.keySet(), "non-finite logits", false);
        }
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        scores.forEach((technique, column) -> techniques.put(technique, technique(root, technique, column, metrics, i, n)));
        return CheckpointResult.scored(identity, timing, 0.9, auc, metrics, techniques, false);
    }

    private static TechniqueResult technique(JsonNode root, Technique technique, JsonNode scores,
            List<ClassMetrics> metrics, int i, int n) {
        String skip = column(root.path("skips").path(technique.label()).asText("_*" + n), n).get(i);
        if (!skip.equals("_")) {
            SkipReason reason = SkipReason.valueOf(skip.toUpperCase(java.util.Locale.ROOT));
            return TechniqueResult.skipped(technique, reason, "scenario", 0.25);
        }
        List<ClassScore> classes = new ArrayList<>();
        List<ExplanationSignals> signals = new ArrayList<>();
        for (ClassMetrics cls : metrics) {
            double drift = number(cell(root.path("drift").get(technique.label()), cls.name(), i, n, "_"));
            signals.add(new ExplanationSignals(drift, Double.NaN, Double.NaN));
            String score = cell(scores, cls.name(), i, n, "_");
            int flat = (int) Double.parseDouble(cell(root.path("flat").path(technique.label()), cls.name(), i, n, "0"));
            classes.add(score.equals("_")
                    ? ClassScore.undefined(cls.index(), cls.goldSize(), Math.min(flat, cls.goldSize()),
                            "gold list too small")
                    : ClassScore.defined(cls.index(), Double.parseDouble(score), cls.goldSize(), flat));
        }
        TechniqueResult scored = TechniqueResult.scored(technique, classes, 0.25);
        return root.path("drift").has(technique.label()) ? scored.withSignals(signals) : scored;
    }

    /** A value of a column: {@code _} is undefined (NaN). */
    private static double number(String value) {
        return value.equals("_") ? Double.NaN : Double.parseDouble(value);
    }

    private static String cell(JsonNode table, String key, int i, int n, String fallback) {
        JsonNode column = table == null ? null : table.get(key);
        return column == null ? fallback : column(column.asText(), n).get(i);
    }

    /** Expands a column: {@code 0.6*3 0.5} is 0.6 0.6 0.6 0.5. */
    static List<String> column(String text, int n) {
        List<String> values = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            int star = token.indexOf('*');
            int copies = star < 0 ? 1 : Integer.parseInt(token.substring(star + 1));
            String value = star < 0 ? token : token.substring(0, star);
            for (int k = 0; k < copies; k++) {
                values.add(value);
            }
        }
        if (values.size() != n) {
            throw new IllegalArgumentException("column '" + text + "' has " + values.size() + " values, expected " + n);
        }
        return values;
    }

    private static List<Set<AlertKey>> expectations(JsonNode root, int n) {
        List<Set<AlertKey>> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(new LinkedHashSet<>());
        }
        for (JsonNode alert : root.path("expect")) {
            AlertKey key = new AlertKey(alert.get("alert").asText(), alert.path("technique").asText(""),
                    alert.path("class").asText(""));
            int to = alert.has("to") ? alert.get("to").asInt() : n - 1;
            for (int i = alert.get("from").asInt(); i <= to; i++) {
                expected.get(i).add(key);
            }
        }
        return expected;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** The expected alerts of one rule at one checkpoint. */
    Set<AlertKey> expected(int checkpoint, String rule) {
        Set<AlertKey> keys = new LinkedHashSet<>();
        expected.get(checkpoint).stream().filter(k -> k.rule().equals(rule)).forEach(keys::add);
        return keys;
    }
}
