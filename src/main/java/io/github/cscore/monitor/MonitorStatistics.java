package io.github.cscore.monitor;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running counts of what a monitor did: checkpoints scored, and skips by reason (of one technique
 * at a checkpoint, or of a whole checkpoint). Safe to read from another thread.
 */
public final class MonitorStatistics {

    private final AtomicLong checkpoints = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skips = new EnumMap<>(SkipReason.class);

    MonitorStatistics() {
        for (SkipReason reason : SkipReason.values()) {
            skips.put(reason, new AtomicLong());
        }
    }

    void countCheckpoint() {
        checkpoints.incrementAndGet();
    }

    void countSkip(SkipReason reason) {
        skips.get(reason).incrementAndGet();
    }

    /**
     * Returns the number of checkpoints that produced a result (degenerate ones included).
     *
     * @return the count
     */
    public long checkpoints() {
        return checkpoints.get();
    }

    /**
     * Returns the number of skips for a reason.
     *
     * @param reason the reason
     * @return the count
     */
    public long skips(SkipReason reason) {
        return skips.get(reason).get();
    }
}
