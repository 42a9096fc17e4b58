package io.github.cscore.monitor;

import io.github.cscore.result.Technique;

import java.util.Map;

/**
 * What the time budget decided for one checkpoint ({@link TechniqueScheduler}), as the scorer asks
 * it: for each technique run, probe on one image first, or leave out; and, after a probe, whether
 * to go on.
 */
final class CheckpointPlan {

    /** The plan outside the budget: every technique runs (no budget, or no training running). */
    static final CheckpointPlan EVERYTHING = new CheckpointPlan(Map.of(), null);

    /** Decides after a probe. */
    interface ProbeJudge {
        /**
         * Decides whether a probed technique runs in full.
         *
         * @param technique the technique
         * @param secondsPerImage what its probe took
         * @param baseEstimate what this checkpoint costs besides its techniques, as far as known
         * @return run or leave out
         */
        TechniqueScheduler.Decision afterProbe(Technique technique, double secondsPerImage, double baseEstimate);
    }

    private final Map<Technique, TechniqueScheduler.Decision> decisions;
    private final ProbeJudge judge;

    CheckpointPlan(Map<Technique, TechniqueScheduler.Decision> decisions, ProbeJudge judge) {
        this.decisions = Map.copyOf(decisions);
        this.judge = judge;
    }

    /** The decision for a technique; run when the plan does not name it. */
    TechniqueScheduler.Decision decision(Technique technique) {
        return decisions.getOrDefault(technique, TechniqueScheduler.Decision.RUN);
    }

    /** The decision after a technique's probe. */
    TechniqueScheduler.Decision afterProbe(Technique technique, double secondsPerImage, double baseEstimate) {
        return judge == null ? TechniqueScheduler.Decision.RUN
                : judge.afterProbe(technique, secondsPerImage, baseEstimate);
    }
}
