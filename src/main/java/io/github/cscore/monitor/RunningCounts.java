package io.github.cscore.monitor;

import io.github.cscore.control.MonitorStatistics;
import io.github.cscore.result.SkipReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The monitor's counts behind {@link MonitorStatistics}: counted by the monitor, read by anyone. */
final class RunningCounts implements MonitorStatistics {

    private final AtomicLong checkpoints = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skips = new EnumMap<>(SkipReason.class);
    private final Map<String, AtomicLong> sinkFailures = new ConcurrentHashMap<>();

    RunningCounts(Set<String> sinkNames) {
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

    /** {@inheritDoc} */
    @Override
    public long checkpoints() {
        return checkpoints.get();
    }

    /** {@inheritDoc} */
    @Override
    public long skips(SkipReason reason) {
        return skips.get(reason).get();
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> sinkNames() {
        return Set.copyOf(sinkFailures.keySet());
    }

    /** {@inheritDoc} */
    @Override
    public long sinkFailures(String sink) {
        AtomicLong count = sinkFailures.get(sink);
        return count == null ? 0 : count.get();
    }
}
