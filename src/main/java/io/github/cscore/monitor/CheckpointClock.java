package io.github.cscore.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that ticks one second per checkpoint. The circuit breakers run on it, so their wait in
 * the open state is counted in checkpoints, whatever an epoch costs in wall time.
 */
final class CheckpointClock extends Clock {

    private final AtomicLong checkpoints = new AtomicLong();

    /** Moves the clock to the next checkpoint. */
    void tick() {
        checkpoints.incrementAndGet();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a checkpoint clock has no time zone");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(checkpoints.get());
    }
}
