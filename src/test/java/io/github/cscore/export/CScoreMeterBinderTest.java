package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.BelowFloor;
import io.github.cscore.control.MonitorStatistics;
import io.github.cscore.control.MonitorView;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

class CScoreMeterBinderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CScoreMeterBinder binder = CScoreMeterBinder.builder().setRun("r1").setModel("resnet50v2").build();

    static CheckpointResult twoClasses() {
        // gradcam: NORMAL 0.6, PNEUMONIA 0.4 -> macro 0.5, weighted (0.6*12 + 0.4*8) / 20 = 0.52, worst 0.4
        return Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {12, 8}, new double[] {0.9, 0.8})
                .scored(Technique.GRAD_CAM, new double[] {0.6, 0.4}, new int[] {1, 2})
                .scored(Technique.EIGEN_CAM, new double[] {0.3, Double.NaN}, new int[] {0, 0})
                .skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT)
                .build("r1");
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Nested
    class BeforeTheFirstCheckpoint {

        @Test
        void checkpointGaugesReadNaNAndCountersZero() {
            binder.bindTo(registry);

            assertTrue(Double.isNaN(gauge(CScoreMeters.EPOCH.name())));
            assertTrue(Double.isNaN(gauge(CScoreMeters.VALIDATION_AUC.name(), "class", "macro")));
            assertEquals(0, registry.get(CScoreMeters.CHECKPOINTS.name()).functionCounter().count());
            assertEquals(0, gauge(CScoreMeters.TRAINING_ACTIVE.name()));
            assertTrue(registry.find(CScoreMeters.CONSISTENCY.name()).meters().isEmpty());
        }
    }

    @Nested
    class AfterACheckpoint {

        @Test
        void perClassScoresAreExportedExactly() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            assertEquals(0.6, gauge(CScoreMeters.CONSISTENCY.name(), "technique", "gradcam", "class", "NORMAL"));
            assertEquals(0.4, gauge(CScoreMeters.CONSISTENCY.name(), "technique", "gradcam", "class", "PNEUMONIA"));
            assertEquals(2, gauge(CScoreMeters.FLAT_MAPS.name(), "technique", "gradcam", "class", "PNEUMONIA"));
            assertEquals(12, gauge(CScoreMeters.GOLD_LIST_SIZE.name(), "class", "NORMAL"));
            assertEquals(0.8, gauge(CScoreMeters.VALIDATION_AUC.name(), "class", "PNEUMONIA"));
            assertEquals(0.85, gauge(CScoreMeters.VALIDATION_AUC.name(), "class", "macro"), 1e-12);
        }

        @Test
        void undefinedAndSkippedScoresReadNaN() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            assertTrue(Double.isNaN(gauge(CScoreMeters.CONSISTENCY.name(), "technique", "eigencam", "class", "PNEUMONIA")));
            assertTrue(Double.isNaN(gauge(CScoreMeters.CONSISTENCY.name(), "technique", "scorecam", "class", "NORMAL")));
            assertTrue(Double.isNaN(gauge(CScoreMeters.FLAT_MAPS.name(), "technique", "scorecam", "class", "NORMAL")));
            assertTrue(Double.isNaN(gauge(CScoreMeters.CONSISTENCY_GLOBAL.name(), "technique", "scorecam", "aggregation", "macro")));
        }

        @Test
        void globalAggregatesAreExportedPerTechnique() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            assertEquals(0.5, gauge(CScoreMeters.CONSISTENCY_GLOBAL.name(), "technique", "gradcam", "aggregation", "macro"), 1e-12);
            assertEquals(0.52, gauge(CScoreMeters.CONSISTENCY_GLOBAL.name(), "technique", "gradcam", "aggregation", "weighted"),
                    1e-12);
            assertEquals(0.4, gauge(CScoreMeters.CONSISTENCY_GLOBAL.name(), "technique", "gradcam", "aggregation", "worst"));
        }

        @Test
        void checkpointFiguresAndPhaseAreExported() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            assertEquals(3, gauge(CScoreMeters.EPOCH.name()));
            assertEquals(0.875, gauge(CScoreMeters.VALIDATION_ACCURACY.name()));
            assertEquals(1, gauge(CScoreMeters.PHASE.name(), "phase", "finetune"));
            assertEquals(0, gauge(CScoreMeters.PHASE.name(), "phase", "transfer"));
            assertEquals(1_700_000_000.5, gauge(CScoreMeters.CHECKPOINT_TIMESTAMP.name()));
            assertEquals("seconds", registry.get(CScoreMeters.CHECKPOINT_TIMESTAMP.name()).gauge().getId().getBaseUnit());
            assertEquals(0, gauge(CScoreMeters.ENGINE_SAFE_PATH.name()));
            assertEquals(1, gauge(CScoreMeters.TRAINING_ACTIVE.name()));
        }

        @Test
        void eachTechniqueTimeIsRecordedOncePerCheckpoint() {
            binder.bindTo(registry);
            binder.accept(twoClasses());
            binder.accept(twoClasses());

            var timer = registry.get(CScoreMeters.CHECKPOINT_DURATION.name()).tags("technique", "gradcam").timer();
            assertEquals(2, timer.count());
            assertEquals(0.25, timer.totalTime(TimeUnit.SECONDS), 1e-9);
        }

        @Test
        void checkpointsAndSkipsAreCountedFromResultsWithoutAMonitor() {
            binder.bindTo(registry);
            binder.accept(twoClasses());
            binder.accept(twoClasses());

            assertEquals(2, registry.get(CScoreMeters.CHECKPOINTS.name()).functionCounter().count());
            assertEquals(2, registry.get(CScoreMeters.CHECKPOINTS_SKIPPED.name()).tags("reason", "timeout").functionCounter().count());
            assertEquals(0, registry.get(CScoreMeters.CHECKPOINTS_SKIPPED.name()).tags("reason", "error").functionCounter().count());
        }

        @Test
        void trainingActiveDropsToZeroAtTheEnd() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            binder.markTrainingEnded();

            assertEquals(0, gauge(CScoreMeters.TRAINING_ACTIVE.name()));
        }

        @Test
        void everyMeterCarriesRunModelAndADescription() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            for (Meter meter : registry.getMeters()) {
                assertEquals("r1", meter.getId().getTag("run"), meter.getId().toString());
                assertEquals("resnet50v2", meter.getId().getTag("model"), meter.getId().toString());
                assertFalse(meter.getId().getDescription() == null || meter.getId().getDescription().isBlank(),
                        meter.getId().toString());
            }
        }

        @Test
        void registeredNamesAreExactlyThoseOfDesignSectionFour() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            Set<String> registered = new TreeSet<>();
            registry.getMeters().forEach(m -> registered.add(m.getId().getName()));
            Set<String> expected = new TreeSet<>();
            CScoreMeters.ALL.forEach(m -> expected.add(m.name()));
            expected.remove(CScoreMeters.ALERT.name()); // no alert engine given
            expected.remove(CScoreMeters.SINK_FAILURES.name()); // no monitor observed
            assertEquals(expected, registered);
        }
    }

    @Nested
    class WhenTheBudgetLeavesATechniqueOut {

        /** The checkpoint after {@link #twoClasses()}, with GradCAM left out by the time budget. */
        private CheckpointResult gradCamLeftOut() {
            return Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {12, 8}, new double[] {0.9, 0.8})
                    .skipped(Technique.GRAD_CAM, SkipReason.SCHEDULED_OUT)
                    .scored(Technique.EIGEN_CAM, new double[] {0.35, 0.2}, new int[] {0, 0})
                    .skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT)
                    .epoch(4)
                    .build("r1");
        }

        @Test
        void itsGaugesKeepTheLastScoredValues() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            binder.accept(gradCamLeftOut());

            assertEquals(0.6, gauge(CScoreMeters.CONSISTENCY.name(), "technique", "gradcam", "class", "NORMAL"));
            assertEquals(2, gauge(CScoreMeters.FLAT_MAPS.name(), "technique", "gradcam", "class", "PNEUMONIA"));
            assertEquals(0.4, gauge(CScoreMeters.CONSISTENCY_GLOBAL.name(), "technique", "gradcam", "aggregation", "worst"));
            assertEquals(0.35, gauge(CScoreMeters.CONSISTENCY.name(), "technique", "eigencam", "class", "NORMAL"));
            assertEquals(4, gauge(CScoreMeters.EPOCH.name()));
        }

        @Test
        void itIsCountedAsScheduledOutAndItsTimeIsNotRecorded() {
            binder.bindTo(registry);
            binder.accept(twoClasses());

            binder.accept(gradCamLeftOut());

            assertEquals(1, registry.get(CScoreMeters.CHECKPOINTS_SKIPPED.name()).tags("reason", "scheduled_out")
                    .functionCounter().count());
            assertEquals(2, registry.get(CScoreMeters.CHECKPOINTS_SKIPPED.name()).tags("reason", "timeout")
                    .functionCounter().count());
            assertEquals(1, registry.get(CScoreMeters.CHECKPOINT_DURATION.name()).tags("technique", "gradcam").timer()
                    .count());
        }
    }

    @Nested
    class WithManyClasses {

        @Test
        void onlyTheWorstClassesAreExportedOneByOne() {
            int n = 30;
            List<String> names = new ArrayList<>();
            double[] scores = new double[n];
            int[] gold = new int[n];
            double[] auc = new double[n];
            for (int c = 0; c < n; c++) {
                names.add("c" + c);
                scores[c] = 0.9 - 0.01 * c; // c29 is the worst
                gold[c] = 10;
                auc[c] = 0.9;
            }
            scores[3] = Double.NaN; // undefined counts as the worst of all
            CScoreMeterBinder capped = CScoreMeterBinder.builder().setRun("r").setModel("m").optMaxClasses(5).build();
            capped.bindTo(registry);

            capped.accept(Results.classes(names, gold, auc).scored(Technique.GRAD_CAM, scores, new int[n]).build("r"));

            Set<String> exported = new TreeSet<>();
            registry.find(CScoreMeters.CONSISTENCY.name()).gauges().forEach(g -> exported.add(g.getId().getTag("class")));
            assertEquals(Set.of("c3", "c29", "c28", "c27", "c26"), exported);
            assertEquals(5, registry.find(CScoreMeters.GOLD_LIST_SIZE.name()).gauges().size());
        }

        @Test
        void aClassThatRecoversLeavesTheExportedSet() {
            List<String> names = List.of("a", "b", "c");
            CScoreMeterBinder capped = CScoreMeterBinder.builder().setRun("r").setModel("m").optMaxClasses(2).build();
            capped.bindTo(registry);
            capped.accept(Results.classes(names, new int[] {9, 9, 9}, new double[] {0.9, 0.9, 0.9})
                    .scored(Technique.GRAD_CAM, new double[] {0.2, 0.3, 0.8}, new int[3]).build("r"));

            capped.accept(Results.classes(names, new int[] {9, 9, 9}, new double[] {0.9, 0.9, 0.9})
                    .scored(Technique.GRAD_CAM, new double[] {0.9, 0.3, 0.1}, new int[3]).build("r"));

            Set<String> exported = new TreeSet<>();
            registry.find(CScoreMeters.CONSISTENCY.name()).gauges().forEach(g -> exported.add(g.getId().getTag("class")));
            assertEquals(Set.of("b", "c"), exported);
        }
    }

    @Test
    void classNamesAreSanitisedIntoDistinctLabels() {
        assertEquals(List.of("T-shirt/top", "Ankle_boot", "Ankle_boot_2", "macro_3", "_"),
                LabelValues.classLabels(List.of("T-shirt/top", "Ankle boot", "Ankle\"boot", "macro", "")));
    }

    @Test
    void firedAlertsAreExportedAsZeroOrOne() {
        AlertEngine alerts = AlertEngine.builder()
                .optRule(new BelowFloor(new BelowFloor.Settings(0.45, 1))).build();
        CScoreMeterBinder withAlerts = CScoreMeterBinder.builder().setRun("r1").setModel("m").optAlertEngine(alerts).build();
        withAlerts.bindTo(registry);

        alerts.accept(twoClasses());
        withAlerts.accept(twoClasses());

        assertEquals(1, gauge(CScoreMeters.ALERT.name(), "rule", "CScoreBelowFloor", "technique", "gradcam", "class", "PNEUMONIA"));
        assertEquals(1, gauge(CScoreMeters.ALERT.name(), "rule", "CScoreBelowFloor", "technique", "eigencam", "class", "NORMAL"));
        assertNull(registry.find(CScoreMeters.ALERT.name()).tags("class", "NORMAL", "technique", "gradcam").gauge());
    }

    @Test
    void anEngineAfterTheBinderAmongTheSinksIsExportedAtTheSameCheckpointAndEvaluatesOnce() {
        int[] evaluations = {0};
        AlertEngine alerts = AlertEngine.builder()
                .optRule(new BelowFloor(new BelowFloor.Settings(0.45, 1)))
                .optDetector(counting(evaluations))
                .build();
        CScoreMeterBinder withAlerts = CScoreMeterBinder.builder().setRun("r1").setModel("m").optAlertEngine(alerts).build();
        withAlerts.bindTo(registry);
        CheckpointResult result = twoClasses();

        withAlerts.accept(result); // the monitor hands the same object to every sink, the exporter first
        double beforeTheEngineSink = gauge(CScoreMeters.ALERT.name(), "rule", "CScoreBelowFloor", "technique", "gradcam",
                "class", "PNEUMONIA");
        alerts.accept(result);

        assertEquals(1, beforeTheEngineSink);
        assertEquals(1, evaluations[0]);
    }

    @Test
    void theAlertGaugeReadsTheEnginesStateWhenRead() {
        AlertEngine alerts = AlertEngine.builder()
                .optRule(new BelowFloor(new BelowFloor.Settings(0.45, 1))).build();
        CScoreMeterBinder withAlerts = CScoreMeterBinder.builder().setRun("r1").setModel("m").optAlertEngine(alerts).build();
        withAlerts.bindTo(registry);
        withAlerts.accept(twoClasses());

        alerts.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {12, 8}, new double[] {0.9, 0.8})
                .scored(Technique.GRAD_CAM, new double[] {0.6, 0.6}, new int[] {0, 0})
                .scored(Technique.EIGEN_CAM, new double[] {0.6, Double.NaN}, new int[] {0, 0})
                .epoch(4).build("r1"));

        assertEquals(0, gauge(CScoreMeters.ALERT.name(), "rule", "CScoreBelowFloor", "technique", "gradcam", "class", "PNEUMONIA"));
    }

    private static io.github.cscore.alert.Detector counting(int[] evaluations) {
        return new io.github.cscore.alert.Detector() {
            public String rule() {
                return "Counting";
            }

            public io.github.cscore.result.Severity severity() {
                return io.github.cscore.result.Severity.INFO;
            }

            public int forCheckpoints() {
                return 1;
            }

            public List<io.github.cscore.alert.Finding> evaluate(io.github.cscore.alert.CheckpointHistory history) {
                evaluations[0]++;
                return List.of();
            }
        };
    }

    @Test
    void anObservedViewIsWhereCountsSinksAndTrainingStateComeFrom() {
        MonitorStatistics statistics = mock(MonitorStatistics.class);
        when(statistics.checkpoints()).thenReturn(7L);
        when(statistics.skips(SkipReason.TIMEOUT)).thenReturn(2L);
        when(statistics.sinkNames()).thenReturn(Set.of("timeline"));
        when(statistics.sinkFailures("timeline")).thenReturn(1L);
        MonitorView view = mock(MonitorView.class);
        when(view.statistics()).thenReturn(statistics);
        when(view.isTrainingActive()).thenReturn(true);
        when(view.circuitBreakerRegistry()).thenReturn(CircuitBreakerRegistry.ofDefaults());

        binder.observe(view).bindTo(registry);

        assertEquals(7, registry.get(CScoreMeters.CHECKPOINTS.name()).functionCounter().count());
        assertEquals(2, registry.get(CScoreMeters.CHECKPOINTS_SKIPPED.name()).tags("reason", "timeout")
                .functionCounter().count());
        assertEquals(1, registry.get(CScoreMeters.SINK_FAILURES.name()).tags("sink", "timeline")
                .functionCounter().count());
        assertEquals(1, gauge(CScoreMeters.TRAINING_ACTIVE.name()));
    }

    @Test
    void theBreakersOwnMetersAreBoundOnlyWhenAskedFor() {
        MonitorView view = mock(MonitorView.class);
        when(view.statistics()).thenReturn(mock(MonitorStatistics.class));
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        breakers.circuitBreaker("cam-gradcam");
        when(view.circuitBreakerRegistry()).thenReturn(breakers);
        SimpleMeterRegistry quiet = new SimpleMeterRegistry();
        SimpleMeterRegistry asked = new SimpleMeterRegistry();

        CScoreMeterBinder.builder().setRun("r1").setModel("m").build().observe(view).bindTo(quiet);
        CScoreMeterBinder.builder().setRun("r1").setModel("m").optResilienceMeters(true).build().observe(view)
                .bindTo(asked);

        assertTrue(quiet.getMeters().stream().noneMatch(m -> m.getId().getName().startsWith("resilience4j")),
                "by default no Resilience4j meter");
        assertTrue(asked.find("resilience4j.circuitbreaker.state").tags("name", "cam-gradcam").gauges().size() > 0);
    }

    @Nested
    class Builder {

        @Test
        void rejectsMissingRun() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> CScoreMeterBinder.builder().setModel("m").build());
            assertTrue(e.getMessage().contains("run"), e.getMessage());
        }

        @Test
        void rejectsBlankModel() {
            var e = assertThrows(IllegalArgumentException.class, () -> CScoreMeterBinder.builder().setModel(" "));
            assertTrue(e.getMessage().contains("model"), e.getMessage());
        }

        @Test
        void rejectsZeroMaxClasses() {
            var e = assertThrows(IllegalArgumentException.class, () -> CScoreMeterBinder.builder().optMaxClasses(0));
            assertEquals("maxClasses must be at least 1, but was 0", e.getMessage());
        }
    }
}
