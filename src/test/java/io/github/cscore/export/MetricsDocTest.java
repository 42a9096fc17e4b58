package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.BelowFloor;
import io.github.cscore.control.MonitorStatistics;
import io.github.cscore.control.MonitorView;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.metric.MeterDefinition;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.testing.Tools;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/metrics.md says what a scrape serves: its table has a row per meter with every label value
 * of {@code reason}, and its count of series per run is the count of a real scrape.
 */
class MetricsDocTest {

    private static String doc() throws Exception {
        return Files.readString(Tools.projectRoot().resolve("docs/metrics.md"));
    }

    @Test
    void theTableHasARowPerMeterAndEverySkipReason() throws Exception {
        String doc = doc();

        for (MeterDefinition meter : CScoreMeters.ALL) {
            assertTrue(doc.contains("| `" + meter.prometheusName() + "` |"), meter.prometheusName() + " has no row");
        }
        String skipped = doc.lines().filter(l -> l.startsWith("| `" + CScoreMeters.CHECKPOINTS_SKIPPED.prometheusName()))
                .findFirst().orElseThrow();
        for (SkipReason reason : SkipReason.values()) {
            assertTrue(skipped.contains("`" + reason.label() + "`"), reason.label() + " missing from " + skipped);
        }
        assertTrue(skipped.endsWith("| " + SkipReason.values().length + " |"), skipped);
    }

    @Test
    void theSeriesPerRunAreWhatAScrapeServes() throws Exception {
        Matcher formula = Pattern.compile("\\*\\*Series per run: 5TC \\+ 3C \\+ 6T \\+ (\\d+) \\+ S \\+ A\\.\\*\\*")
                .matcher(doc());
        assertTrue(formula.find(), "docs/metrics.md states the series per run as 5TC + 3C + 6T + k + S + A");
        int constant = Integer.parseInt(formula.group(1));
        MonitorStatistics statistics = mock(MonitorStatistics.class);
        when(statistics.sinkNames()).thenReturn(new LinkedHashSet<>(List.of("timeline", "alerts")));
        MonitorView view = mock(MonitorView.class);
        when(view.runName()).thenReturn("r1");
        when(view.modelName()).thenReturn("m");
        when(view.statistics()).thenReturn(statistics);
        when(view.circuitBreakerRegistry()).thenReturn(CircuitBreakerRegistry.ofDefaults());
        AlertEngine alerts = AlertEngine.builder().optRule(new BelowFloor(new BelowFloor.Settings(0.5, 1))).build();
        try (CScoreExporter exporter = CScoreExporter.builder().optNoServer().optAlertEngine(alerts).build().start(view)) {
            exporter.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {9, 8}, new double[] {0.9, 0.9})
                    .scored(Technique.GRAD_CAM, new double[] {0.4, 0.6}, new int[] {0, 0})
                    .scored(Technique.LAYER_CAM, new double[] {0.6, 0.6}, new int[] {0, 0})
                    .scored(Technique.EIGEN_CAM, new double[] {0.6, 0.6}, new int[] {0, 0})
                    .build("r1"));

            Set<String> series = new LinkedHashSet<>(exporter.scrape().lines()
                    .filter(line -> line.startsWith("cscore_")).map(line -> line.substring(0, line.lastIndexOf(' ')))
                    .toList());

            int t = 3;
            int c = 2;
            int s = 2;
            int a = 1;
            assertEquals(5 * t * c + 3 * c + 6 * t + constant + s + a, series.size(), String.join("\n", series));
        }
    }
}
