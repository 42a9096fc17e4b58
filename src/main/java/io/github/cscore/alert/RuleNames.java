package io.github.cscore.alert;

import io.github.cscore.result.AlertEvent;

import java.util.List;

/**
 * The rule names: the {@code rule} of an {@link AlertEvent}, the label {@code rule} of {@code
 * cscore_alert} and the Prometheus alert names of {@code alert-rules/cscore.rules.yml}, with a
 * section each in {@code docs/alerts.md}.
 */
public final class RuleNames {

    /** A class's C-Score below the floor. */
    public static final String BELOW_FLOOR = "CScoreBelowFloor";
    /** A class's C-Score fell by a large fraction from its recent maximum. */
    public static final String RELATIVE_DROP = "CScoreRelativeDrop";
    /** A class's C-Score falls steadily (slope per epoch over the last checkpoints). */
    public static final String DOWN_TREND = "CScoreDownTrend";
    /** A class's gold list is too small to score while the AUC is high. */
    public static final String GOLD_LIST_COLLAPSE = "CScoreGoldListCollapse";
    /** A large share of a class's gold-list maps is flat. */
    public static final String ATTRIBUTION_COLLAPSE = "CScoreAttributionCollapse";
    /** A technique's global C-Score looks fine while its worst class is low. */
    public static final String CLASS_MASKED = "CScoreClassMasked";
    /** AUC steady or rising while a technique's global C-Score drops. */
    public static final String AUC_DISSOCIATION = "CScoreAucDissociation";
    /** Techniques were skipped (error, timeout, open breaker) repeatedly. */
    public static final String TECHNIQUE_FAILING = "CScoreTechniqueFailing";
    /** The model produced non-finite logits: nothing could be scored. */
    public static final String DEGENERATE = "CScoreCheckpointDegenerate";
    /** Prometheus only: the exporter cannot be scraped while training was running. */
    public static final String EXPORTER_ABSENT = "CScoreExporterAbsent";
    /** Prometheus only: no checkpoint for too long while training runs. */
    public static final String CHECKPOINT_STALE = "CScoreCheckpointStale";

    /** The rules the engine evaluates in process, in evaluation order. */
    public static final List<String> IN_PROCESS = List.of(BELOW_FLOOR, RELATIVE_DROP, DOWN_TREND,
            GOLD_LIST_COLLAPSE, ATTRIBUTION_COLLAPSE, CLASS_MASKED, AUC_DISSOCIATION, TECHNIQUE_FAILING, DEGENERATE);

    /** Every rule of the Prometheus rule file. */
    public static final List<String> ALL = List.of(BELOW_FLOOR, RELATIVE_DROP, DOWN_TREND, GOLD_LIST_COLLAPSE,
            ATTRIBUTION_COLLAPSE, CLASS_MASKED, AUC_DISSOCIATION, TECHNIQUE_FAILING, DEGENERATE, EXPORTER_ABSENT,
            CHECKPOINT_STALE);

    private RuleNames() {}
}
