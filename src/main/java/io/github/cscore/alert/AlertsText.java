package io.github.cscore.alert;

/**
 * The summary and description of each Prometheus alert: what happened and where to look, for the
 * person on call. Templates use only {@code {{ $labels.<name> }}} and {@code {{ $value | printf
 * "%.<n>f" }}}.
 */
final class AlertsText {

    private static final String WHO = "run {{ $labels.run }} ({{ $labels.model }})";
    private static final String VALUE = "{{ $value | printf \"%.2f\" }}";
    /** Slopes get three decimals: two would round many of them at a tie. */
    private static final String SLOPE = "{{ $value | printf \"%.3f\" }}";
    private static final String CELL = "{{ $labels.technique }} / class {{ $labels.class }}";

    private final AlertThresholds t;

    AlertsText(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    String summary(String rule) {
        return switch (rule) {
            case RuleNames.BELOW_FLOOR -> "C-Score below " + t.floor() + " for " + CELL;
            case RuleNames.RELATIVE_DROP -> "C-Score of " + CELL + " fell sharply";
            case RuleNames.DOWN_TREND -> "C-Score of " + CELL + " is falling steadily";
            case RuleNames.GOLD_LIST_COLLAPSE -> "Gold list of class {{ $labels.class }} collapsed at high AUC";
            case RuleNames.ATTRIBUTION_COLLAPSE -> "Flat explanation maps for " + CELL;
            case RuleNames.CLASS_MASKED -> "Class {{ $labels.class }} hidden by a good global C-Score ({{ $labels.technique }})";
            case RuleNames.AUC_DISSOCIATION -> "{{ $labels.technique }} explanations collapse while AUC holds";
            case RuleNames.TECHNIQUE_FAILING -> "CAM techniques keep failing in " + WHO;
            case RuleNames.DEGENERATE -> "Model output is not finite in " + WHO;
            case RuleNames.EXPORTER_ABSENT -> "C-Score exporter cannot be scraped";
            case RuleNames.CHECKPOINT_STALE -> "No C-Score checkpoint for a while in " + WHO;
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }

    String description(String rule) {
        return switch (rule) {
            case RuleNames.BELOW_FLOOR -> "In " + WHO + " the C-Score of " + CELL + " is " + VALUE + ", below the floor "
                    + t.floor() + " for " + t.floorFor() + " checkpoints: explanations of this class no longer agree.";
            case RuleNames.RELATIVE_DROP -> "In " + WHO + " the C-Score of " + CELL + " fell to " + VALUE + ", at most "
                    + (1 - t.dropFraction()) + " of its maximum over the last " + t.dropWindow()
                    + " checkpoints. Compare with AUC on the dashboard.";
            case RuleNames.DOWN_TREND -> "In " + WHO + " the C-Score of " + CELL + " changes by " + SLOPE
                    + " per epoch over the last " + t.trendWindow() + " checkpoints.";
            case RuleNames.GOLD_LIST_COLLAPSE -> "In " + WHO + " only " + VALUE + " sample images of class {{ $labels.class }}"
                    + " are classified right with confidence (fewer than " + t.goldMinimum() + ") while the macro AUC is"
                    + " at least " + t.goldAuc() + ": its C-Score is undefined.";
            case RuleNames.ATTRIBUTION_COLLAPSE -> "In " + WHO + " a share of " + VALUE + " of the gold-list maps of "
                    + CELL + " are flat (no evidence at all).";
            case RuleNames.CLASS_MASKED -> "In " + WHO + " the macro C-Score of {{ $labels.technique }} is at least "
                    + t.maskedMacro() + " while class {{ $labels.class }} is at " + VALUE + ".";
            case RuleNames.AUC_DISSOCIATION -> "In " + WHO + " the macro C-Score of {{ $labels.technique }} fell to "
                    + VALUE + " (a drop of at least " + t.dissociationDrop() + " of its recent maximum) while the macro"
                    + " AUC stays within " + t.aucTolerance() + " of its own: an early warning of collapse.";
            case RuleNames.TECHNIQUE_FAILING -> "In " + WHO + " " + VALUE + " technique runs were skipped (error,"
                    + " timeout, open breaker) in the last " + t.failingWindow() + " checkpoints.";
            case RuleNames.DEGENERATE -> "In " + WHO + " the last checkpoint found NaN or infinite logits: training has"
                    + " most likely diverged.";
            case RuleNames.EXPORTER_ABSENT -> "Prometheus cannot scrape {{ $labels.instance }} (job {{ $labels.job }})"
                    + " although training had not ended: the process died, hangs, or the target is wrong.";
            case RuleNames.CHECKPOINT_STALE -> "In " + WHO + " the last checkpoint finished " + VALUE
                    + " s ago while training is still running.";
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }
}
