package io.github.cscore.monitor;

import io.github.cscore.result.SkipReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running counts of what a monitor did: checkpoints scored; skips by reason (of one technique at a
 * checkpoint, or of a whole checkpoint); and failures of each sink, which are counted apart from
 * skips because the checkpoint itself was scored. Safe to read from another thread.
 */
public final class MonitorStatistics {

    private final AtomicLong checkpoints = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skips = new EnumMap<>(SkipReason.class);
    private final Map<String, AtomicLong> sinkFailures = new ConcurrentHashMap<>();

    MonitorStatistics(Set<String> sinkNames) {
        for (SkipReason reason : SkipReason.values()) {
            skips.put(reason, new AtomicLong());
        }
        sinkNames.forEach(name -> sinkFailures.put(name, new AtomicLong()));
    }

    void countCheckpoint() {
        checkpoints.incrementAndGet();
    }

    void countSkip(SkipReason reason) {
        skips.get(reason).incrementAndGet();
    }

    void countSinkFailure(String sink) {
        sinkFailures.computeIfAbsent(sink, name -> new AtomicLong()).incrementAndGet();
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

    /**
     * Returns the names of the monitor's sinks, as counted by {@link #sinkFailures(String)}.
     *
     * @return the sink names
     */
    public Set<String> sinkNames() {
        return Set.copyOf(sinkFailures.keySet());
    }

    /**
     * Returns how often a sink threw while receiving a result.
     *
     * @param sink the sink's name (see {@link CScoreMonitorBuilder#optSink(String,
     *     java.util.function.Consumer)})
     * @return the count, 0 for an unknown name
     */
    public long sinkFailures(String sink) {
        AtomicLong count = sinkFailures.get(sink);
        return count == null ? 0 : count.get();
    }
}
