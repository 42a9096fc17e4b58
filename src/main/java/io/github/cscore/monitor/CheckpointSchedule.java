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

    /** The value of {@code expectedEpochs} when the run's length is not known, and of an unknown count. */
    static final int UNKNOWN = -1;

    private final int everyEpochs;
    private final int everySteps;
    private final int expectedEpochs;
    private int epoch;
    private int updates;
    private int stepsPerEpoch = UNKNOWN;
    private int lastScoredStep = -1;

    CheckpointSchedule(int everyEpochs, int everySteps) {
        this(everyEpochs, everySteps, UNKNOWN);
    }

    CheckpointSchedule(int everyEpochs, int everySteps, int expectedEpochs) {
        this.everyEpochs = everyEpochs;
        this.everySteps = everySteps;
        this.expectedEpochs = expectedEpochs;
    }

    /** A batch is about to be applied: counts it, and tells whether a checkpoint is due before it. */
    boolean batchBegins() {
        int applied = updates++;
        return isStepDue(applied);
    }

    /** An epoch ended: counts it, and tells whether a checkpoint is due now. */
    boolean epochEnds() {
        epoch++;
        if (epoch == 1) {
            stepsPerEpoch = updates;
        }
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

    /**
     * The checkpoints this schedule will still take after one taken now (at {@code step} updates,
     * at the end of an epoch or during one), when the run's length is known: the epoch schedule's
     * multiples of its interval up to the expected epochs, or the step schedule's up to the expected
     * epochs times the updates of the first epoch (known once it ended). {@link #UNKNOWN} otherwise:
     * no length given, checkpoints only on request or save, the first epoch of a step schedule, or
     * a run already longer than expected.
     */
    int remainingAfter(int step, boolean atEpochEnd) {
        if (expectedEpochs == UNKNOWN) {
            return UNKNOWN;
        }
        if (everyEpochs != OFF) {
            return atEpochEnd && epoch <= expectedEpochs ? expectedEpochs / everyEpochs - epoch / everyEpochs : UNKNOWN;
        }
        if (everySteps == OFF || stepsPerEpoch == UNKNOWN) {
            return UNKNOWN;
        }
        long total = (long) expectedEpochs * stepsPerEpoch;
        return step <= total ? (int) (total / everySteps - step / everySteps) : UNKNOWN;
    }

    /** True once the expected epochs have all been trained, or when no length was given. */
    boolean isOver() {
        return expectedEpochs == UNKNOWN || epoch >= expectedEpochs;
    }

    private boolean isStepDue(int applied) {
        return everySteps != OFF && applied > 0 && applied % everySteps == 0 && applied != lastScoredStep;
    }
}
