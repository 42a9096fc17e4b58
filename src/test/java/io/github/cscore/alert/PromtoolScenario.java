package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code promtool test rules} file for a scenario: the series the exporter would have exposed,
 * and, at every checkpoint and for every rule, exactly the alerts the in-process engine fires
 * there (Prometheus-only rules: the scenario's expectations), with their labels and annotations.
 */
final class PromtoolScenario {

    private final Scenario scenario;
    private final List<AlertRule> rules = BuiltInRules.ofDefaults();

    PromtoolScenario(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Writes the test file beside a copy of the committed rule file; returns its path. */
    Path write(Path folder, Path rules) throws IOException {
        Files.createDirectories(folder);
        Files.copy(rules, folder.resolve("cscore.rules.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of("cscore.rules.yml"));
        file.put("evaluation_interval", PrometheusContext.duration(Scenario.PERIOD));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("interval", PrometheusContext.duration(Scenario.PERIOD));
        List<Map<String, Object>> inputs = new ArrayList<>();
        ScenarioSeries.of(scenario).forEach((series, values) ->
                inputs.add(Map.of("series", series, "values", String.join(" ", values))));
        group.put("input_series", inputs);
        group.put("alert_rule_test", alertTests());
        file.put("tests", List.of(group));
        Path path = folder.resolve(scenario.name() + ".test.yml");
        new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)).writeValue(path.toFile(), file);
        return path;
    }

    private List<Map<String, Object>> alertTests() {
        AlertEngine engine = AlertEngine.ofDefaults();
        CheckpointHistory history = new CheckpointHistory(rules.stream().mapToInt(AlertRule::window).max().orElse(1));
        List<Map<String, Object>> tests = new ArrayList<>();
        List<CheckpointResult> results = scenario.results();
        for (int i = 0; i < results.size(); i++) {
            engine.evaluate(results.get(i));
            history.add(results.get(i));
            Set<AlertKey> firing = engine.firing();
            String at = PrometheusContext.duration(Scenario.PERIOD.multipliedBy(i));
            for (AlertRule rule : rules) {
                List<Map<String, Object>> expected = new ArrayList<>();
                if (rule.detector().isPresent()) {
                    for (Finding finding : rule.detector().get().evaluate(history)) {
                        AlertKey key = new AlertKey(rule.rule(), finding.technique(), finding.className());
                        if (firing.contains(key)) {
                            expected.add(alert(rule, key, finding.value(), true));
                        }
                    }
                } else if (rule.rule().equals(Watchdog.NAME)) {
                    expected.add(watchdog(rule));
                } else {
                    // Prometheus-only rules: what the scenario expects of them.
                    scenario.expected(i, rule.rule()).forEach(key -> expected.add(alert(rule, key, 1, true)));
                }
                tests.add(test(at, rule.rule(), expected));
            }
        }
        return tests;
    }

    private static Map<String, Object> test(String at, String rule, List<Map<String, Object>> expected) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("eval_time", at);
        test.put("alertname", rule);
        test.put("exp_alerts", expected);
        return test;
    }

    /** The watchdog, always firing, with no label but its severity. */
    private static Map<String, Object> watchdog(AlertRule rule) {
        return alertOf(rule, new TreeMap<>(Map.of("severity", rule.severity().label())), 1);
    }

    /** The alert as promtool reports it: all its labels and its annotations expanded. */
    private Map<String, Object> alert(AlertRule rule, AlertKey key, double value, boolean runLevel) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("severity", rule.severity().label());
        labels.put("job", ScenarioSeries.JOB);
        labels.put("instance", ScenarioSeries.INSTANCE);
        if (runLevel) {
            labels.put("run", Scenario.RUN);
            labels.put("model", Scenario.MODEL);
        }
        if (!key.technique().isEmpty()) {
            labels.put("technique", key.technique());
        }
        if (!key.className().isEmpty()) {
            labels.put("class", key.className());
        }
        return alertOf(rule, labels, value);
    }

    private static Map<String, Object> alertOf(AlertRule rule, Map<String, String> labels, double value) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", expand(rule.summary(), labels, value));
        annotations.put("description", expand(rule.description(), labels, value));
        annotations.put("runbook_url", PrometheusRules.DEFAULT_RUNBOOK + "#" + rule.rule().toLowerCase(Locale.ROOT));
        annotations.put("dashboard_url", expand(PrometheusRules.DEFAULT_DASHBOARD
                + "{{ if $labels.run }}?var-run={{ $labels.run | urlquery }}&var-model={{ $labels.model | urlquery }}{{ end }}",
                labels, value));
        Map<String, Object> alert = new LinkedHashMap<>();
        labels.remove("severity");
        labels.put("severity", rule.severity().label());
        alert.put("exp_labels", labels);
        alert.put("exp_annotations", annotations);
        return alert;
    }

    /**
     * Expands the template forms the rule texts use, as Go's templates do: {@code {{ if
     * $labels.x }}...{{ end }}}, {@code {{ $labels.x | urlquery }}}, {@code {{ $labels.x }}} and
     * {@code {{ $value | printf "%.nf" }}}.
     */
    static String expand(String template, Map<String, String> labels, double value) {
        Matcher conditional = Pattern
                .compile("\\{\\{ if \\$labels\\.(\\w+) }}(.*?)\\{\\{ end }}").matcher(template);
        StringBuilder kept = new StringBuilder();
        while (conditional.find()) {
            String shown = labels.getOrDefault(conditional.group(1), "").isEmpty() ? "" : conditional.group(2);
            conditional.appendReplacement(kept, Matcher.quoteReplacement(shown));
        }
        conditional.appendTail(kept);
        // Go rounds the exact binary value (half to even); Java's %.2f rounds its shortest decimal form.
        String out = kept.toString();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            out = out.replace("{{ $labels." + label.getKey() + " | urlquery }}",
                    URLEncoder.encode(label.getValue(), StandardCharsets.UTF_8));
        }
        for (int decimals = 0; decimals <= 4; decimals++) {
            String shown = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            out = out.replace("{{ $value | printf \"%." + decimals + "f\" }}", shown);
        }
        for (String name : List.of("run", "model", "technique", "class", "job", "instance")) {
            out = out.replace("{{ $labels." + name + " }}", labels.getOrDefault(name, ""));
        }
        return out;
    }
}
