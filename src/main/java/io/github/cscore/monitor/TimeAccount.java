package io.github.cscore.monitor;

import java.util.function.LongSupplier;

/**
 * The run's wall time split between training and the monitor, measured as the run goes. Training
 * time is the wall time between the trainer's begin and end callbacks less the monitor's own time
 * (what its callbacks spend scoring, publishing and saving); time between two trainers (building
 * the next one) is neither. The clock is injected so that the accounting can be tested without
 * timing anything. Counted on the training thread; the totals may be read from any thread.
 */
final class TimeAccount {

    private static final long IDLE = Long.MIN_VALUE;

    private final LongSupplier nanoTime;
    private long resumed = IDLE;
    private volatile long trainingNanos;
    private volatile long monitorNanos;
    private volatile long endNanos;

    TimeAccount(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A trainer begins: training time counts from now. */
    void trainingBegins() {
        resumed = nanoTime.getAsLong();
    }

    /** The trainer ends: training time stops counting. */
    void trainingEnds() {
        if (resumed != IDLE) {
            trainingNanos += nanoTime.getAsLong() - resumed;
            resumed = IDLE;
        }
    }

    /** True between a trainer's begin and end. */
    boolean isTraining() {
        return resumed != IDLE;
    }

    /**
     * The monitor starts work of its own: training time up to now is counted.
     *
     * @return the start, for {@link #monitorEnds(long)}
     */
    long monitorBegins() {
        long now = nanoTime.getAsLong();
        if (resumed != IDLE) {
            trainingNanos += now - resumed;
            resumed = now;
        }
        return now;
    }

    /**
     * The monitor's work that began at {@code start} is done: training time counts again from now.
     *
     * @return the work's time, in seconds
     */
    double monitorEnds(long start) {
        long now = nanoTime.getAsLong();
        monitorNanos += now - start;
        if (resumed != IDLE) {
            resumed = now;
        }
        return (now - start) / 1e9;
    }

    /**
     * Counts monitor work already measured as work at the end of a run: the last checkpoint, which
     * runs every technique whatever it costs, and what the monitor does when a trainer ends. That
     * work is outside the budget ({@link TimeShare#duringTrainingShare()}).
     *
     * @param seconds the work's time, as {@link #monitorEnds(long)} returned it
     */
    void countAsEnd(double seconds) {
        endNanos += Math.round(seconds * 1e9);
    }

    /** The part of the monitor's time spent at the end of a run, in seconds. */
    double endSeconds() {
        return endNanos / 1e9;
    }

    /** Training time so far, in seconds. */
    double trainingSeconds() {
        return trainingNanos / 1e9;
    }

    /** The monitor's own time so far, in seconds. */
    double monitorSeconds() {
        return monitorNanos / 1e9;
    }
}
