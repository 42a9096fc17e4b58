package io.github.cscore.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.export.CScoreExporter;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import io.micrometer.core.instrument.Meter;

import org.junit.jupiter.api.Test;

import java.util.List;

class CScoreMetersTest {

    @Test
    void prometheusNamesAreThoseOfDocsMetrics() {
        // Design section 4 and the explanation signals (docs/metrics.md), spelled out here once more
        // on purpose: the derivation must give these.
        List<String> design = List.of("cscore_consistency", "cscore_consistency_global", "cscore_gold_list_size",
                "cscore_flat_maps", "cscore_explanation_drift", "cscore_cross_class_similarity",
                "cscore_class_confidence", "cscore_validation_auc", "cscore_validation_accuracy", "cscore_epoch",
                "cscore_step", "cscore_phase", "cscore_checkpoint_timestamp_seconds", "cscore_checkpoint_duration_seconds",
                "cscore_checkpoints_total", "cscore_checkpoints_skipped_total", "cscore_alert",
                // beyond the design's table: the start that tells a target's latest run (docs/metrics.md)
                "cscore_run_start_timestamp_seconds",
                "cscore_training_active", "cscore_sink_failures_total", "cscore_push_failures_total",
                "cscore_engine_safe_path",
                // beyond the design's table: the software of the run (docs/metrics.md)
                "cscore_build_info");

        assertEquals(design, CScoreMeters.ALL.stream().map(MeterDefinition::prometheusName).toList());
    }

    @Test
    void aScrapeNamesEachMeterAsItsPrometheusNameSays() {
        try (CScoreExporter exporter = CScoreExporter.builder().optNoServer().build().start("r1", "m")) {
            exporter.accept(Results.classes(List.of("NORMAL"), new int[] {9}, new double[] {0.9})
                    .scored(Technique.GRAD_CAM, new double[] {0.5}, new int[] {0})
                    .skipped(Technique.EIGEN_CAM, SkipReason.TIMEOUT)
                    .build("r1"));

            String scrape = exporter.scrape();

            for (MeterDefinition meter : CScoreMeters.ALL) {
                if (meter == CScoreMeters.ALERT || meter == CScoreMeters.SINK_FAILURES) {
                    continue; // registered only with an alert engine, or a monitor's sinks
                }
                String series = meter.type() == Meter.Type.TIMER
                        ? meter.prometheusName() + "_count{" : meter.prometheusName() + "{";
                assertTrue(scrape.contains("\n" + series), meter.prometheusName() + " not in\n" + scrape);
            }
        }
    }

    @Test
    void aDefinitionNeedsADescription() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeterDefinition("cscore.x", Meter.Type.GAUGE, null, " ", List.of()));

        assertEquals("a meter needs a name and a description, but was 'cscore.x'", e.getMessage());
    }
}
