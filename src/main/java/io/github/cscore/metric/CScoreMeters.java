package io.github.cscore.metric;

import io.micrometer.core.instrument.Meter;

import java.util.List;

/**
 * Every meter the exporter registers (docs/metrics.md), each defined once, and the label keys
 * they use. The Prometheus rules and the dashboards are checked against {@link #ALL}.
 */
public final class CScoreMeters {

    /** Label key of the technique ({@code gradcam}, {@code gradcampp}, ...). */
    public static final String TECHNIQUE = "technique";
    /** Label key of the class name. */
    public static final String CLASS = "class";
    /** Label key of a global aggregate: {@code macro}, {@code weighted} or {@code worst}. */
    public static final String AGGREGATION = "aggregation";
    /** Label key of the training phase: {@code transfer} or {@code finetune}. */
    public static final String PHASE_LABEL = "phase";
    /**
     * Label key of a skip reason: {@code timeout}, {@code circuit_open}, {@code error}, {@code degenerate},
     * {@code engine_fault}, {@code scheduled_out}.
     */
    public static final String REASON = "reason";
    /** Label key of an alert rule name. */
    public static final String RULE = "rule";
    /** Label key of the cscore version on {@link #BUILD_INFO}. */
    public static final String VERSION = "version";
    /** Label key of the DJL version on {@link #BUILD_INFO}. */
    public static final String DJL_VERSION = "djl_version";
    /** Label key of the engine's name on {@link #BUILD_INFO}. */
    public static final String ENGINE = "engine";
    /** Label key of the engine's version on {@link #BUILD_INFO}. */
    public static final String ENGINE_VERSION = "engine_version";
    /** Label key of a sink name. */
    public static final String SINK = "sink";
    /** Common label key of the run name. */
    public static final String RUN = "run";
    /** Common label key of the model name. */
    public static final String MODEL = "model";
    /** Label key of what explanation drift is measured against: {@code previous} or {@code best}. */
    public static final String REFERENCE = "reference";
    /** The value of label {@code reference} for drift from the previous checkpoint. */
    public static final String PREVIOUS = "previous";
    /** The value of label {@code reference} for drift from the best-AUC checkpoint. */
    public static final String BEST = "best";
    /** The value of label {@code class} on the macro AUC. */
    public static final String MACRO = "macro";

    /** C-Score per technique and class of the last checkpoint. */
    public static final MeterDefinition CONSISTENCY = gauge("cscore.consistency",
            "C-Score (explanation consistency, 0..1) of the last checkpoint that scored the technique; NaN while the "
                    + "class's gold list is too small",
            TECHNIQUE, CLASS);
    /** Global C-Score per technique and aggregation. */
    public static final MeterDefinition CONSISTENCY_GLOBAL = gauge("cscore.consistency.global",
            "Global C-Score of the last checkpoint that scored the technique: macro mean, gold-size-weighted mean or "
                    + "worst defined class",
            TECHNIQUE, AGGREGATION);
    /** Gold-list size per class. */
    public static final MeterDefinition GOLD_LIST_SIZE = gauge("cscore.gold.list.size",
            "Sample images of the class classified correctly with confidence at least the gold threshold", CLASS);
    /** Flat maps per technique and class. */
    public static final MeterDefinition FLAT_MAPS = gauge("cscore.flat.maps",
            "Flat (all-zero) maps among the class's gold list at the last checkpoint that scored the technique",
            TECHNIQUE, CLASS);
    /** AUC per class and macro. */
    public static final MeterDefinition VALIDATION_AUC = gauge("cscore.validation.auc",
            "One-vs-rest ROC AUC of the class on the validation sample (class=\"macro\": mean over classes)", CLASS);
    /** Accuracy on the sample. */
    public static final MeterDefinition VALIDATION_ACCURACY = gauge("cscore.validation.accuracy",
            "Accuracy on the validation sample at the last checkpoint");
    /** Epoch of the last checkpoint. */
    public static final MeterDefinition EPOCH = gauge("cscore.epoch", "Epochs completed at the last checkpoint");
    /** Training phase, one 0/1 series per phase. */
    public static final MeterDefinition PHASE = gauge("cscore.phase",
            "1 for the training phase of the last checkpoint, 0 for the other", PHASE_LABEL);
    /** When the last checkpoint finished, in seconds since the epoch. */
    public static final MeterDefinition CHECKPOINT_TIMESTAMP = new MeterDefinition("cscore.checkpoint.timestamp",
            Meter.Type.GAUGE, "seconds", "Unix time at which the last checkpoint finished", List.of());
    /** Cost of each technique per checkpoint. */
    public static final MeterDefinition CHECKPOINT_DURATION = new MeterDefinition("cscore.checkpoint.duration",
            Meter.Type.TIMER, null, "Time each technique took per checkpoint it ran at, shared pass excluded", List.of(TECHNIQUE));
    /** Checkpoints scored. */
    public static final MeterDefinition CHECKPOINTS = counter("cscore.checkpoints", "Checkpoints scored");
    /** Skips by reason. */
    public static final MeterDefinition CHECKPOINTS_SKIPPED = counter("cscore.checkpoints.skipped",
            "Techniques or whole checkpoints not scored, by reason (timeout, circuit_open, error, degenerate, "
                    + "engine_fault; scheduled_out: left out by the monitor's time budget, no failure)", REASON);
    /** In-process alert state, 0/1. */
    public static final MeterDefinition ALERT = gauge("cscore.alert",
            "1 while the in-process early-warning rule fires, 0 once resolved", RULE, TECHNIQUE, CLASS);
    /** When the exporter of this run started, in seconds since the epoch. */
    public static final MeterDefinition RUN_START = new MeterDefinition("cscore.run.start.timestamp",
            Meter.Type.GAUGE, "seconds", "Unix time at which this run's exporter started: tells the latest run of a "
                    + "target from earlier ones", List.of());
    /** 1 while training runs. */
    public static final MeterDefinition TRAINING_ACTIVE = gauge("cscore.training.active",
            "1 while training runs, 0 once it ended");
    /** Sink failures by sink. */
    public static final MeterDefinition SINK_FAILURES = counter("cscore.sink.failures",
            "Times a checkpoint sink threw (the checkpoint itself was scored)", SINK);
    /** Failed Pushgateway pushes. */
    public static final MeterDefinition PUSH_FAILURES = counter("cscore.push.failures",
            "Pushes to the Pushgateway that failed or were refused by the open breaker");
    /** The software versions of the run, always 1 ({@link BuildInfo}). */
    public static final MeterDefinition BUILD_INFO = gauge("cscore.build.info",
            "Always 1; its labels name the software of the run: cscore, DJL and the engine", VERSION, DJL_VERSION, ENGINE,
            ENGINE_VERSION);
    /** 1 when the engine's safe gradient path is used. */
    public static final MeterDefinition ENGINE_SAFE_PATH = gauge("cscore.engine.safe.path",
            "1 when the engine failed its gradient self-check and maps are computed the slower, safe way");

    /** Explanation drift per technique, class and reference. */
    public static final MeterDefinition EXPLANATION_DRIFT = gauge("cscore.explanation.drift",
            "Mean 1 - soft IoU of each sample image's map with its map at the previous checkpoint (reference=previous) "
                    + "or at the best-AUC checkpoint (reference=best): 0 unchanged, 1 moved entirely",
            TECHNIQUE, CLASS, REFERENCE);
    /** Similarity of a class's maps to the other classes' maps. */
    public static final MeterDefinition CROSS_CLASS_SIMILARITY = gauge("cscore.cross.class.similarity",
            "Mean soft IoU of the class's maps with the maps of the other classes' images at the last checkpoint",
            TECHNIQUE, CLASS);
    /** Mean confidence per class. */
    public static final MeterDefinition CLASS_CONFIDENCE = gauge("cscore.class.confidence",
            "Mean probability the model gives the class on the sample images of that class at the last checkpoint",
            CLASS);
    /** Training step of the last checkpoint. */
    public static final MeterDefinition STEP = gauge("cscore.step",
            "Optimiser updates (training steps) completed at the last checkpoint; NaN if unknown");

    /** Every meter, in the order of docs/metrics.md. */
    public static final List<MeterDefinition> ALL = List.of(CONSISTENCY, CONSISTENCY_GLOBAL, GOLD_LIST_SIZE, FLAT_MAPS,
            EXPLANATION_DRIFT, CROSS_CLASS_SIMILARITY, CLASS_CONFIDENCE, VALIDATION_AUC, VALIDATION_ACCURACY, EPOCH, STEP,
            PHASE, CHECKPOINT_TIMESTAMP, CHECKPOINT_DURATION, CHECKPOINTS, CHECKPOINTS_SKIPPED, ALERT, RUN_START,
            TRAINING_ACTIVE, SINK_FAILURES, PUSH_FAILURES, ENGINE_SAFE_PATH, BUILD_INFO);

    private CScoreMeters() {}

    private static MeterDefinition gauge(String name, String description, String... labels) {
        return new MeterDefinition(name, Meter.Type.GAUGE, null, description, List.of(labels));
    }

    private static MeterDefinition counter(String name, String description, String... labels) {
        return new MeterDefinition(name, Meter.Type.COUNTER, null, description, List.of(labels));
    }
}
