package io.github.cscore.export;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.AlertKey;
import io.github.cscore.control.MonitorView;
import io.github.cscore.metric.BuildInfo;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.metric.MeterDefinition;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.ScheduledGaps;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Turns checkpoint results into the Micrometer meters of docs/metrics.md ({@link CScoreMeters}): a
 * {@link MeterBinder} that is also a checkpoint sink.
 *
 * <p>Gauges read state, nothing sets them: each result is wrapped once and swapped whole into an
 * {@link AtomicReference}, so a scrape never sees half a checkpoint. Every meter carries the
 * common tags {@code run} and {@code model}. An undefined C-Score (gold list too small) and
 * anything of a skipped technique read NaN: the series stays, so the class is still seen to
 * exist, and every comparison with NaN is false, so threshold rules stay quiet while the
 * gold-list rule speaks. Classes are exported one by one up to {@link
 * CScoreMeterBinderBuilder#optMaxClasses}
 * (default {@value #DEFAULT_MAX_CLASSES}); beyond that the worst ones by C-Score, so a model with
 * a thousand classes cannot blow up cardinality. Class names are sanitised into label values.
 *
 * <p>Counts of checkpoints, skips and sink failures, the training state and, if asked, the
 * techniques' circuit breakers come from the monitor once {@link #observe(MonitorView)} is called; before,
 * or without a monitor (replaying a timeline), checkpoints and skips are counted from the results
 * received and training counts as active from the first result until {@link #markTrainingEnded()}.
 *
 * <pre>{@code
 * CScoreMeterBinder binder = CScoreMeterBinder.builder().setRun("r1").setModel("resnet50v2").build();
 * MonitorView monitor = MonitorView.builder()...optSink("prometheus", binder).build();
 * binder.observe(monitor).bindTo(registry);
 * }</pre>
 */
public final class CScoreMeterBinder implements MeterBinder, Consumer<CheckpointResult> {

    /** Default most classes exported one by one. */
    public static final int DEFAULT_MAX_CLASSES = 20;

    private final Tags commonTags;
    private final int maxClasses;
    private final AlertEngine alerts;
    private final boolean resilienceMeters;
    private final AtomicReference<ExportedCheckpoint> latest = new AtomicReference<>(ExportedCheckpoint.NONE);
    private final ScheduledGaps gaps = new ScheduledGaps();
    private final RunState run = new RunState();
    private final Map<MeterRegistry, Map<String, List<Meter>>> bound = new LinkedHashMap<>();
    private volatile LongSupplier pushFailures = () -> 0;
    /** When this binder was built, for {@code cscore_run_start_timestamp_seconds}; held strongly. */
    private final double startSeconds = System.currentTimeMillis() / 1000.0;

    CScoreMeterBinder(String run, String model, int maxClasses, AlertEngine alerts, boolean resilienceMeters) {
        this.commonTags = Tags.of(CScoreMeters.RUN, run, CScoreMeters.MODEL, model);
        this.maxClasses = maxClasses;
        this.alerts = alerts;
        this.resilienceMeters = resilienceMeters;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static CScoreMeterBinderBuilder builder() {
        return new CScoreMeterBinderBuilder();
    }

    /**
     * Reads counts, training state and sink names from the monitor from now on, and, if asked
     * ({@link CScoreMeterBinderBuilder#optResilienceMeters}), binds its techniques' circuit breakers
     * (Resilience4j's own meters) to every registry bound so far and later.
     *
     * @param observed the monitor this binder is a sink of
     * @return this binder
     * @throws IllegalStateException if another monitor is already observed
     */
    public CScoreMeterBinder observe(MonitorView observed) {
        if (run.observe(observed)) {
            synchronized (this) {
                bound.keySet().forEach(this::bindMonitor);
            }
        }
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Registers the meters known so far; those of a technique, class, sink or alert seen
     * later are registered when they first appear.
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (bound.containsKey(registry)) {
            return;
        }
        bound.put(registry, new LinkedHashMap<>());
        bindCheckpointGauges(registry);
        bindCounters(registry);
        if (run.observed() != null) {
            bindMonitor(registry);
        }
        sync(registry);
    }

    /**
     * Exports a checkpoint result: swaps it in for the gauges, records each technique's time and
     * registers the meters of techniques, classes and alerts that appear for the first time.
     *
     * @param result the result
     */
    @Override
    public void accept(CheckpointResult result) {
        Objects.requireNonNull(result, "result");
        if (alerts != null) {
            // The engine evaluates each result once: here if it comes after this binder among the
            // monitor's sinks (or is none of them), not again if it came before. Either way the
            // alert series registered below, and a push that follows, are this checkpoint's.
            alerts.accept(result);
        }
        run.count(result);
        synchronized (gaps) {
            // A technique the time budget left out keeps its last scored values: no data, not a drop.
            latest.set(ExportedCheckpoint.of(gaps.fill(result), maxClasses));
        }
        synchronized (this) {
            for (MeterRegistry registry : bound.keySet()) {
                sync(registry);
                recordDurations(registry, result);
            }
        }
    }

    /** Drops {@code cscore_training_active} to 0, whatever the monitor says: the run is over. */
    public void markTrainingEnded() {
        run.end();
    }

    /** Counted by the exporter's pusher; a binder without one reads 0. */
    void pushFailures(LongSupplier failures) {
        this.pushFailures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Returns the common tags, {@code run} and {@code model}.
     *
     * @return the tags
     */
    public Tags commonTags() {
        return commonTags;
    }

    private void bindCheckpointGauges(MeterRegistry registry) {
        gauge(registry, CScoreMeters.VALIDATION_ACCURACY, Tags.empty(),
                e -> e.result() == null ? Double.NaN : e.result().accuracy());
        gauge(registry, CScoreMeters.VALIDATION_AUC, Tags.of(CScoreMeters.CLASS, CScoreMeters.MACRO),
                e -> e.result() == null ? Double.NaN : e.result().macroAuc());
        gauge(registry, CScoreMeters.EPOCH, Tags.empty(),
                e -> e.result() == null ? Double.NaN : e.result().epoch());
        gauge(registry, CScoreMeters.STEP, Tags.empty(),
                e -> e.result() == null || e.result().step() < 0 ? Double.NaN : e.result().step());
        for (Phase phase : Phase.values()) {
            gauge(registry, CScoreMeters.PHASE, Tags.of(CScoreMeters.PHASE_LABEL, phase.label()),
                    e -> e.result() == null ? Double.NaN : e.result().phase() == phase ? 1 : 0);
        }
        gauge(registry, CScoreMeters.CHECKPOINT_TIMESTAMP, Tags.empty(),
                e -> e.result() == null ? Double.NaN : e.result().finishedAt().toEpochMilli() / 1000.0);
        gauge(registry, CScoreMeters.ENGINE_SAFE_PATH, Tags.empty(),
                e -> e.result() == null ? Double.NaN : e.result().engineSafePath() ? 1 : 0);
        BuildInfo build = BuildInfo.current();
        Gauge.builder(CScoreMeters.BUILD_INFO.name(), () -> 1).tags(commonTags)
                .tags(CScoreMeters.VERSION, build.version(), CScoreMeters.DJL_VERSION, build.djlVersion(),
                        CScoreMeters.ENGINE, build.engine(), CScoreMeters.ENGINE_VERSION, build.engineVersion())
                .description(CScoreMeters.BUILD_INFO.description()).register(registry);
        Gauge.builder(CScoreMeters.RUN_START.name(), this, b -> b.startSeconds).tags(commonTags)
                .baseUnit(CScoreMeters.RUN_START.baseUnit()).description(CScoreMeters.RUN_START.description())
                .register(registry);
        Gauge.builder(CScoreMeters.TRAINING_ACTIVE.name(), run, r -> r.trainingActive() ? 1 : 0)
                .tags(commonTags).description(CScoreMeters.TRAINING_ACTIVE.description()).register(registry);
    }

    private void bindCounters(MeterRegistry registry) {
        FunctionCounter.builder(CScoreMeters.CHECKPOINTS.name(), run, RunState::checkpoints)
                .tags(commonTags).description(CScoreMeters.CHECKPOINTS.description()).register(registry);
        for (SkipReason reason : SkipReason.values()) {
            FunctionCounter.builder(CScoreMeters.CHECKPOINTS_SKIPPED.name(), run, r -> r.skips(reason))
                    .tags(commonTags).tag(CScoreMeters.REASON, reason.label())
                    .description(CScoreMeters.CHECKPOINTS_SKIPPED.description()).register(registry);
        }
        FunctionCounter.builder(CScoreMeters.PUSH_FAILURES.name(), this, b -> b.pushFailures.getAsLong())
                .tags(commonTags).description(CScoreMeters.PUSH_FAILURES.description()).register(registry);
    }

    private void bindMonitor(MeterRegistry registry) {
        if (resilienceMeters) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(run.observed().circuitBreakerRegistry()).bindTo(registry);
        }
        sync(registry);
    }

    /** Registers the meters of techniques, classes, sinks and alerts not registered yet. */
    private void sync(MeterRegistry registry) {
        Map<String, List<Meter>> dynamic = bound.get(registry);
        ExportedCheckpoint exported = latest.get();
        Map<String, Runnable> wanted = new LinkedHashMap<>();
        if (exported.result() != null) {
            for (Technique technique : exported.result().techniques().keySet()) {
                wanted.put("technique:" + technique.label(), () -> bindTechnique(registry, technique, dynamic));
                for (int c : exported.exportedClasses()) {
                    wanted.put("cell:" + technique.label() + ":" + c + ":" + exported.classLabels().get(c),
                            () -> bindCell(registry, technique, c, exported.classLabels().get(c), dynamic));
                }
            }
            for (int c : exported.exportedClasses()) {
                wanted.put("class:" + c + ":" + exported.classLabels().get(c),
                        () -> bindClass(registry, c, exported.classLabels().get(c), dynamic));
            }
        }
        retire(registry, dynamic, wanted);
        wanted.forEach((key, bind) -> {
            if (!dynamic.containsKey(key)) {
                bind.run();
            }
        });
        syncSinks(registry, dynamic);
        syncAlerts(registry, dynamic);
    }

    /** Removes the per-class meters of classes no longer exported (the cap's worst set moved). */
    private static void retire(MeterRegistry registry, Map<String, List<Meter>> dynamic, Map<String, Runnable> wanted) {
        dynamic.entrySet().removeIf(entry -> {
            boolean perClass = entry.getKey().startsWith("cell:") || entry.getKey().startsWith("class:");
            if (perClass && !wanted.containsKey(entry.getKey())) {
                entry.getValue().forEach(registry::remove);
                return true;
            }
            return false;
        });
    }

    private void bindTechnique(MeterRegistry registry, Technique technique, Map<String, List<Meter>> dynamic) {
        List<Meter> meters = new ArrayList<>();
        for (Aggregation aggregation : Aggregation.values()) {
            meters.add(gauge(registry, CScoreMeters.CONSISTENCY_GLOBAL,
                    Tags.of(CScoreMeters.TECHNIQUE, technique.label(), CScoreMeters.AGGREGATION, aggregation.label()),
                    e -> e.global(technique, aggregation)));
        }
        meters.add(timer(registry, technique));
        dynamic.put("technique:" + technique.label(), meters);
    }

    private void bindCell(MeterRegistry registry, Technique technique, int c, String label,
            Map<String, List<Meter>> dynamic) {
        Tags tags = Tags.of(CScoreMeters.TECHNIQUE, technique.label(), CScoreMeters.CLASS, label);
        dynamic.put("cell:" + technique.label() + ":" + c + ":" + label, List.of(
                gauge(registry, CScoreMeters.CONSISTENCY, tags,
                        e -> e.score(technique, c)),
                gauge(registry, CScoreMeters.FLAT_MAPS, tags, e -> e.flatMaps(technique, c)),
                gauge(registry, CScoreMeters.EXPLANATION_DRIFT, tags.and(CScoreMeters.REFERENCE, CScoreMeters.PREVIOUS),
                        e -> e.drift(technique, c, true)),
                gauge(registry, CScoreMeters.EXPLANATION_DRIFT, tags.and(CScoreMeters.REFERENCE, CScoreMeters.BEST),
                        e -> e.drift(technique, c, false)),
                gauge(registry, CScoreMeters.CROSS_CLASS_SIMILARITY, tags, e -> e.crossClass(technique, c))));
    }

    private void bindClass(MeterRegistry registry, int c, String label, Map<String, List<Meter>> dynamic) {
        Tags tags = Tags.of(CScoreMeters.CLASS, label);
        dynamic.put("class:" + c + ":" + label, List.of(
                gauge(registry, CScoreMeters.GOLD_LIST_SIZE, tags, e -> e.goldSize(c)),
                gauge(registry, CScoreMeters.CLASS_CONFIDENCE, tags, e -> e.confidence(c)),
                gauge(registry, CScoreMeters.VALIDATION_AUC, tags, e -> e.auc(c))));
    }

    private void syncSinks(MeterRegistry registry, Map<String, List<Meter>> dynamic) {
        MonitorView observed = run.observed();
        if (observed == null) {
            return;
        }
        for (String sink : observed.statistics().sinkNames()) {
            dynamic.computeIfAbsent("sink:" + sink, key -> List.of(
                    FunctionCounter.builder(CScoreMeters.SINK_FAILURES.name(), observed,
                                    m -> m.statistics().sinkFailures(sink))
                            .tags(commonTags).tag(CScoreMeters.SINK, LabelValues.sanitise(sink))
                            .description(CScoreMeters.SINK_FAILURES.description()).register(registry)));
        }
    }

    /** One 0/1 gauge per alert that has fired; its value is the engine's state at scrape time. */
    private void syncAlerts(MeterRegistry registry, Map<String, List<Meter>> dynamic) {
        if (alerts == null) {
            return;
        }
        for (AlertKey key : alerts.known()) {
            dynamic.computeIfAbsent("alert:" + key, k -> List.of(
                    Gauge.builder(CScoreMeters.ALERT.name(), alerts, engine -> engine.isFiring(key) ? 1 : 0)
                            .tags(commonTags)
                            .tag(CScoreMeters.RULE, key.rule())
                            .tag(CScoreMeters.TECHNIQUE, key.technique())
                            .tag(CScoreMeters.CLASS, key.className().isEmpty() ? "" : LabelValues.sanitise(key.className()))
                            .description(CScoreMeters.ALERT.description())
                            .register(registry)));
        }
    }

    private Gauge gauge(MeterRegistry registry, MeterDefinition meter, Tags tags,
            ToDoubleFunction<ExportedCheckpoint> value) {
        // Gauges hold their state weakly: the reference is a field of this binder, kept strongly.
        return Gauge.builder(meter.name(), latest, ref -> value.applyAsDouble(ref.get()))
                .tags(commonTags).tags(tags).baseUnit(meter.baseUnit()).description(meter.description())
                .register(registry);
    }

    private Timer timer(MeterRegistry registry, Technique technique) {
        return Timer.builder(CScoreMeters.CHECKPOINT_DURATION.name())
                .tags(commonTags).tag(CScoreMeters.TECHNIQUE, technique.label())
                .description(CScoreMeters.CHECKPOINT_DURATION.description()).register(registry);
    }

    private void recordDurations(MeterRegistry registry, CheckpointResult result) {
        for (TechniqueResult technique : result.techniques().values()) {
            if (technique.skipReason() != SkipReason.DEGENERATE && technique.skipReason() != SkipReason.SCHEDULED_OUT) {
                timer(registry, technique.technique()).record(Duration.ofNanos(Math.round(technique.seconds() * 1e9)));
            }
        }
    }
}
