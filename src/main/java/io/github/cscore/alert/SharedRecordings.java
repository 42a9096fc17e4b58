package io.github.cscore.alert;

import io.github.cscore.metric.CScoreMeters;

/** Recording rules that more than one built-in rule reads, defined once here. */
final class SharedRecordings {

    private SharedRecordings() {}

    /** Each technique's macro C-Score, without the {@code aggregation} label. */
    static AlertRule.Recording consistencyMacro() {
        return new AlertRule.Recording("cscore:consistency_macro", "max without(aggregation) ("
                + CScoreMeters.CONSISTENCY_GLOBAL.prometheusName() + "{aggregation=\"macro\"})");
    }

    /** The macro AUC, without the {@code class} label. */
    static AlertRule.Recording aucMacro() {
        return new AlertRule.Recording("cscore:auc_macro", "max without(class) ("
                + CScoreMeters.VALIDATION_AUC.prometheusName() + "{class=\"macro\"})");
    }
}
