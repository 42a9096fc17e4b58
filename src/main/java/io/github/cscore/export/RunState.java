package io.github.cscore.export;

import io.github.cscore.control.MonitorView;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the binder's run-level meters read: checkpoints, skips and whether training runs. They come
 * from the observed monitor's view; replaying results without a monitor, they are counted from the
 * results as the monitor counts them ({@link CheckpointResult#skips()}), and training counts as
 * active from the first result until the end is marked.
 */
final class RunState {

    private final AtomicReference<MonitorView> monitor = new AtomicReference<>();
    private final AtomicLong checkpoints = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skips = new EnumMap<>(SkipReason.class);
    private volatile boolean started;
    private volatile boolean ended;

    RunState() {
        for (SkipReason reason : SkipReason.values()) {
            skips.put(reason, new AtomicLong());
        }
    }

    /** Reads from the view from now on; false if it was observed already. */
    boolean observe(MonitorView view) {
        Objects.requireNonNull(view, "monitor");
        if (monitor.compareAndSet(null, view)) {
            return true;
        }
        if (monitor.get() != view) {
            throw new IllegalStateException("this binder already observes the monitor of run '"
                    + monitor.get().runName() + "'");
        }
        return false;
    }

    /** The observed monitor, or null while replaying without one. */
    MonitorView observed() {
        return monitor.get();
    }

    void count(CheckpointResult result) {
        started = true;
        checkpoints.incrementAndGet();
        result.skips().forEach(reason -> skips.get(reason).incrementAndGet());
    }

    void end() {
        ended = true;
    }

    double checkpoints() {
        MonitorView observed = monitor.get();
        return observed == null ? checkpoints.get() : observed.statistics().checkpoints();
    }

    double skips(SkipReason reason) {
        MonitorView observed = monitor.get();
        return observed == null ? skips.get(reason).get() : observed.statistics().skips(reason);
    }

    boolean trainingActive() {
        MonitorView observed = monitor.get();
        return !ended && (observed == null ? started : observed.isTrainingActive());
    }
}
