package io.github.cscore.alert;

import io.github.cscore.export.CScoreMeterBinder;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series Prometheus would have scraped from a scenario, one sample per checkpoint: each
 * result goes through the real {@link CScoreMeterBinder} into a Prometheus registry, whose
 * exposition is read back, with the labels a scrape adds ({@code job}, {@code instance}) and
 * {@code up}. When the exporter is down its series get a staleness marker, then nothing.
 */
final class ScenarioSeries {

    static final String JOB = PrometheusRules.DEFAULT_JOB;
    static final String INSTANCE = "scenario:9464";

    private ScenarioSeries() {}

    /** Series (in promtool's notation) to their values, one per checkpoint. */
    static Map<String, List<String>> of(Scenario scenario) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CScoreMeterBinder binder = CScoreMeterBinder.builder().setRun(Scenario.RUN).setModel(Scenario.MODEL).build();
        binder.bindTo(registry);
        Map<String, List<String>> series = new LinkedHashMap<>();
        String up = "up{job=\"" + JOB + "\",instance=\"" + INSTANCE + "\"}";
        List<CheckpointResult> results = scenario.results();
        for (int n = 0; n < results.size(); n++) {
            final int i = n;
            binder.accept(results.get(i));
            boolean serving = scenario.exporterUp().get(i);
            Map<String, String> now = serving ? parse(registry.scrape()) : Map.of();
            for (Map.Entry<String, String> sample : now.entrySet()) {
                series.computeIfAbsent(sample.getKey(), k -> blanks(results.size())).set(i, sample.getValue());
            }
            if (!serving) {
                boolean firstDown = i == 0 || scenario.exporterUp().get(i - 1);
                series.forEach((key, values) -> values.set(i, firstDown ? "stale" : "_"));
            }
            series.computeIfAbsent(up, k -> blanks(results.size())).set(i, serving ? "1" : "0");
        }
        registry.close();
        return series;
    }

    private static List<String> blanks(int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add("_");
        }
        return values;
    }

    /** The cscore samples of an exposition, keyed by series with job and instance added. */
    static Map<String, String> parse(String exposition) {
        Map<String, String> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith("cscore_")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String extra = "job=\"" + JOB + "\",instance=\"" + INSTANCE + "\"";
            series = series.endsWith("}")
                    ? series.substring(0, series.length() - 1) + "," + extra + "}"
                    : series + "{" + extra + "}";
            // The scenario's clock starts at 0 with the exporter; its checkpoints finish at i periods.
            boolean start = series.startsWith(CScoreMeters.RUN_START.prometheusName() + "{");
            samples.put(series, start ? "0" : number(line.substring(space + 1)));
        }
        return samples;
    }

    private static String number(String text) {
        double value = Double.parseDouble(text);
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return new BigDecimal(Double.toString(value)).toPlainString();
    }
}
