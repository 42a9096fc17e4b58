package io.github.cscore.monitor;

/**
 * How a run's wall time has been split between training and the monitor so far, and the share the
 * monitor may take ({@link CScoreMonitorBuilder#optMonitorShare}). Training time is the wall time
 * between the trainer's begin and end callbacks less the monitor's own time; the monitor's time is
 * what its callbacks spend (scoring, publishing, example maps, snapshots), during training and
 * at its end.
 *
 * <p>The budget holds for the monitor's time during training: the last checkpoint, which scores
 * every technique whatever it costs (so that a technique the budget kept out is scored at least
 * once), and the monitor's work when a trainer ends come after the last epoch's training and are
 * counted apart, as {@code endSeconds}. {@link #share()} is the whole share, end included.
 *
 * @param limit the share the monitor may take, in (0, 1]; 1 means no limit
 * @param trainingSeconds training time so far
 * @param monitorSeconds the monitor's time so far, the end included
 * @param endSeconds the part of {@code monitorSeconds} spent at the end of the run
 */
public record TimeShare(double limit, double trainingSeconds, double monitorSeconds, double endSeconds) {

    /**
     * A split with no work at the end of a run counted apart.
     *
     * @param limit the share the monitor may take
     * @param trainingSeconds training time so far
     * @param monitorSeconds the monitor's time so far
     */
    public TimeShare(double limit, double trainingSeconds, double monitorSeconds) {
        this(limit, trainingSeconds, monitorSeconds, 0);
    }

    /**
     * Returns the monitor's share of the run's wall time so far: its time over its time plus the
     * training time.
     *
     * @return the share in [0, 1]; 0 before anything was measured
     */
    public double share() {
        double total = trainingSeconds + monitorSeconds;
        return total > 0 ? monitorSeconds / total : 0;
    }

    /**
     * Returns the monitor's share of the wall time during training, which the budget holds: its
     * time less the end of the run, over that plus the training time.
     *
     * @return the share in [0, 1]; 0 before anything was measured
     */
    public double duringTrainingShare() {
        double monitor = monitorSeconds - endSeconds;
        double total = trainingSeconds + monitor;
        return total > 0 ? monitor / total : 0;
    }

    /**
     * Tells whether the monitor has kept to its budget so far.
     *
     * @return true if {@link #duringTrainingShare()} is at most the limit
     */
    public boolean isWithinLimit() {
        return duringTrainingShare() <= limit;
    }
}
