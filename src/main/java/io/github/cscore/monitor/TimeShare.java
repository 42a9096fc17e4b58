package io.github.cscore.monitor;

/**
 * How a run's wall time has been split between training and the monitor so far, and the share the
 * monitor may take ({@link CScoreMonitorBuilder#optMonitorShare}). Training time is the wall time
 * between the trainer's begin and end callbacks less the monitor's own time; the monitor's time is
 * what its callbacks spend (scoring, publishing, example maps, snapshots), during training and
 * at its end.
 *
 * @param limit the share the monitor may take, in (0, 1]; 1 means no limit
 * @param trainingSeconds training time so far
 * @param monitorSeconds the monitor's time so far
 */
public record TimeShare(double limit, double trainingSeconds, double monitorSeconds) {

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
     * Tells whether the monitor has kept to its share so far.
     *
     * @return true if {@link #share()} is at most the limit
     */
    public boolean isWithinLimit() {
        return share() <= limit;
    }
}
