package io.github.cscore.export;

import java.util.List;

/**
 * The names, label keys and descriptions of every meter {@link CScoreMeterBinder} registers, in
 * one place so that alert rules, dashboards and documentation can be checked against them.
 *
 * <p>Names are Micrometer's dotted form; {@link Meter#prometheusName()} gives the name Prometheus
 * sees (dots become underscores, counters get {@code _total}, the base unit {@code seconds} is
 * appended). Every meter also carries the common labels {@code run} and {@code model}.
 */
public final class MeterNames {

    /** Label key of the technique ({@code gradcam}, {@code gradcampp}, ...). */
    public static final String TECHNIQUE = "technique";
    /** Label key of the class name. */
    public static final String CLASS = "class";
    /** Label key of a global aggregate: {@code macro}, {@code weighted} or {@code worst}. */
    public static final String AGGREGATION = "aggregation";
    /** Label key of the training phase: {@code transfer} or {@code finetune}. */
    public static final String PHASE_LABEL = "phase";
    /** Label key of a skip reason: {@code timeout}, {@code circuit_open}, {@code error}, {@code degenerate}. */
    public static final String REASON = "reason";
    /** Label key of an alert rule name. */
    public static final String RULE = "rule";
    /** Label key of a sink name. */
    public static final String SINK = "sink";
    /** Common label key of the run name. */
    public static final String RUN = "run";
    /** Common label key of the model name. */
    public static final String MODEL = "model";
    /** The value of label {@code class} on the macro AUC. */
    public static final String MACRO = "macro";

    /** C-Score per technique and class of the last checkpoint. */
    public static final String CONSISTENCY = "cscore.consistency";
    /** Global C-Score per technique and aggregation. */
    public static final String CONSISTENCY_GLOBAL = "cscore.consistency.global";
    /** Gold-list size per class. */
    public static final String GOLD_LIST_SIZE = "cscore.gold.list.size";
    /** Flat maps per technique and class. */
    public static final String FLAT_MAPS = "cscore.flat.maps";
    /** AUC per class and macro. */
    public static final String VALIDATION_AUC = "cscore.validation.auc";
    /** Accuracy on the sample. */
    public static final String VALIDATION_ACCURACY = "cscore.validation.accuracy";
    /** Epoch of the last checkpoint. */
    public static final String EPOCH = "cscore.epoch";
    /** Training phase, one 0/1 series per phase. */
    public static final String PHASE = "cscore.phase";
    /** When the last checkpoint finished (base unit seconds). */
    public static final String CHECKPOINT_TIMESTAMP = "cscore.checkpoint.timestamp";
    /** Cost of each technique per checkpoint (a timer). */
    public static final String CHECKPOINT_DURATION = "cscore.checkpoint.duration";
    /** Checkpoints scored (a counter). */
    public static final String CHECKPOINTS = "cscore.checkpoints";
    /** Skips by reason (a counter). */
    public static final String CHECKPOINTS_SKIPPED = "cscore.checkpoints.skipped";
    /** In-process alert state, 0/1. */
    public static final String ALERT = "cscore.alert";
    /** 1 while training runs. */
    public static final String TRAINING_ACTIVE = "cscore.training.active";
    /** Sink failures by sink (a counter). */
    public static final String SINK_FAILURES = "cscore.sink.failures";
    /** Failed Pushgateway pushes (a counter). */
    public static final String PUSH_FAILURES = "cscore.push.failures";
    /** 1 when the engine's safe gradient path is used. */
    public static final String ENGINE_SAFE_PATH = "cscore.engine.safe.path";

    /** Description of {@link #CONSISTENCY}. */
    public static final String CONSISTENCY_HELP =
            "C-Score (explanation consistency, 0..1) of the last checkpoint; NaN while the class's gold list is too small";
    /** Description of {@link #CONSISTENCY_GLOBAL}. */
    public static final String CONSISTENCY_GLOBAL_HELP =
            "Global C-Score of the last checkpoint: macro mean, gold-size-weighted mean or worst defined class";
    /** Description of {@link #GOLD_LIST_SIZE}. */
    public static final String GOLD_LIST_SIZE_HELP =
            "Sample images of the class classified correctly with confidence at least the gold threshold";
    /** Description of {@link #FLAT_MAPS}. */
    public static final String FLAT_MAPS_HELP = "Flat (all-zero) maps among the class's gold list at the last checkpoint";
    /** Description of {@link #VALIDATION_AUC}. */
    public static final String VALIDATION_AUC_HELP =
            "One-vs-rest ROC AUC of the class on the validation sample (class=\"macro\": mean over classes)";
    /** Description of {@link #VALIDATION_ACCURACY}. */
    public static final String VALIDATION_ACCURACY_HELP = "Accuracy on the validation sample at the last checkpoint";
    /** Description of {@link #EPOCH}. */
    public static final String EPOCH_HELP = "Epochs completed at the last checkpoint";
    /** Description of {@link #PHASE}. */
    public static final String PHASE_HELP = "1 for the training phase of the last checkpoint, 0 for the other";
    /** Description of {@link #CHECKPOINT_TIMESTAMP}. */
    public static final String CHECKPOINT_TIMESTAMP_HELP = "Unix time at which the last checkpoint finished";
    /** Description of {@link #CHECKPOINT_DURATION}. */
    public static final String CHECKPOINT_DURATION_HELP = "Time each technique took per checkpoint, shared pass excluded";
    /** Description of {@link #CHECKPOINTS}. */
    public static final String CHECKPOINTS_HELP = "Checkpoints scored";
    /** Description of {@link #CHECKPOINTS_SKIPPED}. */
    public static final String CHECKPOINTS_SKIPPED_HELP =
            "Techniques or whole checkpoints not scored, by reason (timeout, circuit_open, error, degenerate)";
    /** Description of {@link #ALERT}. */
    public static final String ALERT_HELP = "1 while the in-process early-warning rule fires, 0 once resolved";
    /** Description of {@link #TRAINING_ACTIVE}. */
    public static final String TRAINING_ACTIVE_HELP = "1 while training runs, 0 once it ended";
    /** Description of {@link #SINK_FAILURES}. */
    public static final String SINK_FAILURES_HELP = "Times a checkpoint sink threw (the checkpoint itself was scored)";
    /** Description of {@link #PUSH_FAILURES}. */
    public static final String PUSH_FAILURES_HELP = "Pushes to the Pushgateway that failed or were refused by the open breaker";
    /** Description of {@link #ENGINE_SAFE_PATH}. */
    public static final String ENGINE_SAFE_PATH_HELP =
            "1 when the engine failed its gradient self-check and maps are computed the slower, safe way";

    /** What kind of meter a name is. */
    public enum Type {
        /** A gauge: the value now. */
        GAUGE,
        /** A counter: exposed with {@code _total}. */
        COUNTER,
        /** A timer: a summary in seconds plus a {@code _max} gauge. */
        TIMER
    }

    /**
     * One meter as Prometheus sees it.
     *
     * @param name the Micrometer name
     * @param prometheusName the Prometheus family name ({@code _total} included for counters)
     * @param type the meter type
     * @param labels its own label keys, the common {@code run} and {@code model} left out
     * @param description its HELP text
     */
    public record Meter(String name, String prometheusName, Type type, List<String> labels, String description) {}

    /** Every meter of the binder, in the order of the table in docs/metrics.md. */
    public static final List<Meter> ALL = List.of(
            gauge(CONSISTENCY, "cscore_consistency", CONSISTENCY_HELP, TECHNIQUE, CLASS),
            gauge(CONSISTENCY_GLOBAL, "cscore_consistency_global", CONSISTENCY_GLOBAL_HELP, TECHNIQUE, AGGREGATION),
            gauge(GOLD_LIST_SIZE, "cscore_gold_list_size", GOLD_LIST_SIZE_HELP, CLASS),
            gauge(FLAT_MAPS, "cscore_flat_maps", FLAT_MAPS_HELP, TECHNIQUE, CLASS),
            gauge(VALIDATION_AUC, "cscore_validation_auc", VALIDATION_AUC_HELP, CLASS),
            gauge(VALIDATION_ACCURACY, "cscore_validation_accuracy", VALIDATION_ACCURACY_HELP),
            gauge(EPOCH, "cscore_epoch", EPOCH_HELP),
            gauge(PHASE, "cscore_phase", PHASE_HELP, PHASE_LABEL),
            gauge(CHECKPOINT_TIMESTAMP, "cscore_checkpoint_timestamp_seconds", CHECKPOINT_TIMESTAMP_HELP),
            new Meter(CHECKPOINT_DURATION, "cscore_checkpoint_duration_seconds", Type.TIMER, List.of(TECHNIQUE),
                    CHECKPOINT_DURATION_HELP),
            counter(CHECKPOINTS, "cscore_checkpoints_total", CHECKPOINTS_HELP),
            counter(CHECKPOINTS_SKIPPED, "cscore_checkpoints_skipped_total", CHECKPOINTS_SKIPPED_HELP, REASON),
            gauge(ALERT, "cscore_alert", ALERT_HELP, RULE, TECHNIQUE, CLASS),
            gauge(TRAINING_ACTIVE, "cscore_training_active", TRAINING_ACTIVE_HELP),
            counter(SINK_FAILURES, "cscore_sink_failures_total", SINK_FAILURES_HELP, SINK),
            counter(PUSH_FAILURES, "cscore_push_failures_total", PUSH_FAILURES_HELP),
            gauge(ENGINE_SAFE_PATH, "cscore_engine_safe_path", ENGINE_SAFE_PATH_HELP));

    private MeterNames() {}

    private static Meter gauge(String name, String prometheusName, String help, String... labels) {
        return new Meter(name, prometheusName, Type.GAUGE, List.of(labels), help);
    }

    private static Meter counter(String name, String prometheusName, String help, String... labels) {
        return new Meter(name, prometheusName, Type.COUNTER, List.of(labels), help);
    }
}
