package io.github.cscore.monitor;

/**
 * When a monitor scores on its own, and the counts it decides by: every {@code everyEpochs} epochs
 * at the end of the epoch, or every {@code everySteps} optimiser updates. DJL calls {@code
 * onTrainingBatch} after a batch's backward pass and before its update, so at that call the
 * updates applied are the batches before it; a checkpoint there scores the parameters after
 * exactly that many updates, and the pending gradients are left untouched (the monitor's own
 * backward passes do not accumulate into parameters). Used from the training thread only.
 */
final class CheckpointSchedule {

    /** The value of {@code everyEpochs} or {@code everySteps} for "not on this clock". */
    static final int OFF = 0;

    private final int everyEpochs;
    private final int everySteps;
    private int epoch;
    private int updates;
    private int lastScoredStep = -1;

    CheckpointSchedule(int everyEpochs, int everySteps) {
        this.everyEpochs = everyEpochs;
        this.everySteps = everySteps;
    }

    /** A batch is about to be applied: counts it, and tells whether a checkpoint is due before it. */
    boolean batchBegins() {
        int applied = updates++;
        return isStepDue(applied);
    }

    /** An epoch ended: counts it, and tells whether a checkpoint is due now. */
    boolean epochEnds() {
        epoch++;
        boolean epochDue = everyEpochs != OFF && epoch % everyEpochs == 0;
        return epochDue || isStepDue(updates);
    }

    /**
     * The updates applied at the point of the current callback: during {@code onTrainingBatch}
     * the batches before the current one, at the end of an epoch all of them.
     */
    int stepAt(boolean duringBatch) {
        return duringBatch ? updates - 1 : updates;
    }

    /** The epochs completed. */
    int epoch() {
        return epoch;
    }

    /** Remembers that a checkpoint scored the parameters after {@code step} updates. */
    void scoredAt(int step) {
        lastScoredStep = step;
    }

    private boolean isStepDue(int applied) {
        return everySteps != OFF && applied > 0 && applied % everySteps == 0 && applied != lastScoredStep;
    }
}
