package io.github.cscore.monitor;

/**
 * Thrown by {@link CScoreMonitor#onEpoch} at the end of an epoch after {@link
 * CScoreMonitor#requestStop(String)}, to end training cleanly (DJL's {@code EasyTrain.fit} lets it
 * through). The only exception the monitor throws into training, and only when asked to.
 */
public final class TrainingStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The epoch at whose end training stopped. */
    private final int epoch;

    /**
     * Creates the exception.
     *
     * @param epoch the epoch at whose end training stopped
     * @param reason why, in one line
     */
    public TrainingStoppedException(int epoch, String reason) {
        super("training stopped at the end of epoch " + epoch + ": " + reason);
        this.epoch = epoch;
    }

    /**
     * Returns the epoch at whose end training stopped.
     *
     * @return the epoch
     */
    public int epoch() {
        return epoch;
    }
}
