package io.github.cscore.monitor;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.Collection;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The monitor's time budget: the run's time account ({@link TimeAccount}) and the technique
 * schedule it feeds ({@link TechniqueScheduler}). It plans the checkpoints taken while a trainer
 * runs and records what they cost; checkpoints outside training (a model scored after the fact)
 * run every technique and are not planned. Used from the training thread only.
 */
final class MonitorBudget {

    private final double share;
    private final TimeAccount time;
    private final TechniqueScheduler scheduler;
    private int checkpoints;
    private double baseTotal;

    MonitorBudget(double share, Collection<Technique> techniques, LongSupplier nanoTime) {
        this.share = share;
        this.time = new TimeAccount(nanoTime);
        this.scheduler = new TechniqueScheduler(share, techniques);
    }

    /** The run's time account. */
    TimeAccount time() {
        return time;
    }

    /** True when the share is 1: every technique at every checkpoint. */
    boolean isUnlimited() {
        return scheduler.isUnlimited();
    }

    /**
     * Plans the next checkpoint taken during training.
     *
     * @param remaining checkpoints after this one when the end is known, -1 otherwise
     * @param images the images each technique would explain
     * @return the plan
     */
    CheckpointPlan plan(int remaining, Map<Technique, Integer> images) {
        checkpoints++;
        TechniqueScheduler.Situation situation = new TechniqueScheduler.Situation(checkpoints,
                time.trainingSeconds(), time.monitorSeconds() - time.endSeconds(), checkpoints > 1 ? baseTotal / (checkpoints - 1) : Double.NaN,
                remaining, Map.copyOf(images));
        return new CheckpointPlan(scheduler.plan(situation),
                (technique, seconds, base) -> scheduler.afterProbe(technique, seconds, situation, base));
    }

    /**
     * Records a planned checkpoint: what it cost besides its techniques, and each technique that
     * ran, its example maps included (their cost grows with the technique's, so it is the
     * technique's, not the base every checkpoint pays).
     *
     * @param result the checkpoint's result
     * @param seconds the monitor's whole time for it
     * @param images the images a technique explained there
     * @param examples what each technique's example maps took there, in seconds
     */
    void record(CheckpointResult result, double seconds, ToIntFunction<Technique> images,
            Map<Technique, Double> examples) {
        double techniques = 0;
        for (TechniqueResult technique : result.techniques().values()) {
            double spent = technique.seconds() + examples.getOrDefault(technique.technique(), 0.0);
            techniques += spent;
            if (technique.isScored() || technique.skipReason() == SkipReason.TIMEOUT) {
                scheduler.ran(technique.technique(), spent, images.applyAsInt(technique.technique()), checkpoints);
            }
        }
        baseTotal += Math.max(0, seconds - techniques);
    }

    /** The split of the run's time so far. */
    TimeShare share() {
        return new TimeShare(share, time.trainingSeconds(), time.monitorSeconds(), time.endSeconds());
    }
}
