package io.github.cscore.control;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;

import java.util.Set;

/**
 * Running counts of what a monitor did: checkpoints scored; skips by reason, as {@link
 * CheckpointResult#skips()} defines them, plus whole checkpoints that failed before giving a
 * result ({@link SkipReason#ERROR}); and failures of each sink, counted apart from skips because
 * the checkpoint itself was scored. Live, and safe to read from another thread.
 */
public interface MonitorStatistics {

    /**
     * Returns the number of checkpoints that produced a result (degenerate ones included).
     *
     * @return the count
     */
    long checkpoints();

    /**
     * Returns the number of skips for a reason.
     *
     * @param reason the reason
     * @return the count
     */
    long skips(SkipReason reason);

    /**
     * Returns the names of the monitor's sinks, as counted by {@link #sinkFailures(String)}.
     *
     * @return the sink names
     */
    Set<String> sinkNames();

    /**
     * Returns how often a sink threw while receiving a result.
     *
     * @param sink the sink's name
     * @return the count, 0 for an unknown name
     */
    long sinkFailures(String sink);
}
