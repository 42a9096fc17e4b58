package io.github.cscore.alert;

import java.util.List;

/**
 * The built-in rules, each defined in its own file, in the order the engine evaluates them and the
 * rule file lists them. A new built-in rule is its file and one line here.
 */
public final class BuiltInRules {

    private BuiltInRules() {}

    /**
     * Returns the built-in rules at their default settings: chosen to stay quiet on the healthy
     * demo run, and for the confidence-drop, class-left and explanation-drift rules on the study's
     * calibration runs (docs/alerts.md).
     *
     * @return the rules, the three Prometheus-only ones last
     */
    public static List<AlertRule> ofDefaults() {
        return List.of(BelowFloor.ofDefaults(), RelativeDrop.ofDefaults(), DownTrend.ofDefaults(),
                GoldListCollapse.ofDefaults(), AttributionCollapse.ofDefaults(), ClassMasked.ofDefaults(),
                ConfidenceDrop.ofDefaults(), ClassLeft.ofDefaults(), ExplanationDrift.ofDefaults(), DriftFromBest.ofDefaults(),
                AucDissociation.ofDefaults(), TechniqueFailing.ofDefaults(), new CheckpointDegenerate(),
                new ExporterAbsent(), CheckpointStale.ofDefaults(), new Watchdog());
    }
}
