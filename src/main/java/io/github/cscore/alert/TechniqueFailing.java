package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.TechniqueResult;

import java.util.List;
import java.util.TreeSet;

/**
 * {@link RuleNames#TECHNIQUE_FAILING}: at least {@code failingSkips} technique skips (error,
 * timeout, open circuit breaker) within the last {@code failingWindow} checkpoints. Prometheus
 * sees the skip counter, which has no technique label, so the alert is about the run; its message
 * names the techniques.
 */
final class TechniqueFailing implements Detector {

    private final AlertThresholds t;

    TechniqueFailing(AlertThresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public String rule() {
        return RuleNames.TECHNIQUE_FAILING;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public int forCheckpoints() {
        return 1;
    }

    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(t.failingWindow());
        int skips = window.stream().mapToInt(Detectors::failures).sum();
        if (skips < t.failingSkips()) {
            return List.of();
        }
        TreeSet<String> what = new TreeSet<>();
        for (CheckpointResult result : window) {
            for (TechniqueResult technique : result.techniques().values()) {
                if (!technique.isScored() && Detectors.FAILURES.contains(technique.skipReason())) {
                    what.add(technique.technique().label() + " (" + technique.skipReason().label() + ")");
                }
            }
        }
        return List.of(new Finding("", "", skips, t.failingSkips(), skips + " technique skips in the last "
                + window.size() + " checkpoints: " + String.join(", ", what)));
    }
}
