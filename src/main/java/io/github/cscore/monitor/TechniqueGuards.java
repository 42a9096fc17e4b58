package io.github.cscore.monitor;

import io.github.cscore.cam.DeadlineExceededException;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.time.Duration;
import java.util.TreeMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The circuit breaker and deadline of each technique.
 *
 * <p>Each technique runs synchronously under a breaker named {@code cam-<label>}; its deadline
 * per checkpoint ({@link CScoreMonitorBuilder#optTechniqueTimeout}) is checked between batches, not a timer thread, since native engine
 * calls ignore interrupts and only one gradient collector may be open per process. The breakers
 * run on a {@link CheckpointClock}, so their open-state wait is counted in checkpoints.
 */
final class TechniqueGuards {

    private final CheckpointClock clock = new CheckpointClock();
    private final Map<Technique, CircuitBreaker> breakers = new TreeMap<>();
    private final CircuitBreakerRegistry registry;
    private final Duration timeout;
    private final LongSupplier nanoClock;

    /** Guards that time the techniques on the given clock: {@code System::nanoTime}, or a test's. */
    TechniqueGuards(Collection<Technique> techniques, CircuitBreakerConfig config, Duration timeout,
            LongSupplier nanoTime) {
        this.nanoClock = nanoTime;
        CircuitBreakerConfig onCheckpoints = CircuitBreakerConfig.from(config).clock(clock).build();
        registry = CircuitBreakerRegistry.of(onCheckpoints);
        for (Technique technique : techniques) {
            breakers.put(technique, registry.circuitBreaker(breakerName(technique)));
        }
        this.timeout = timeout;
    }

    /** The name of a technique's breaker, as Resilience4j's metrics label it. */
    static String breakerName(Technique technique) {
        return "cam-" + technique.label();
    }

    /** The registry holding every technique's breaker. */
    CircuitBreakerRegistry registry() {
        return registry;
    }

    /** The time on the clock the techniques are timed with, in nanoseconds. */
    long nanoTime() {
        return nanoClock.getAsLong();
    }

    /** Moves the breakers' clock to a new checkpoint. */
    void startCheckpoint() {
        clock.tick();
    }

    /** The breakers, for binding their metrics. */
    List<CircuitBreaker> breakers() {
        return List.copyOf(breakers.values());
    }

    /** Asks one technique's breaker for permission to run at this checkpoint. */
    Attempt attempt(Technique technique) {
        CircuitBreaker breaker = breakers.get(technique);
        return new Attempt(breaker, breaker.tryAcquirePermission());
    }

    /** An attempt that does not run, for a reason outside the technique; its breaker is not told. */
    Attempt refused(Technique technique, SkipReason reason, String detail) {
        Attempt attempt = new Attempt(breakers.get(technique), false);
        attempt.failure = reason;
        attempt.detail = detail;
        return attempt;
    }

    /**
     * An attempt the time budget leaves out of this checkpoint ({@link SkipReason#SCHEDULED_OUT}):
     * it does not run and its breaker is not asked.
     */
    Attempt scheduledOut(Technique technique, String detail) {
        return refused(technique, SkipReason.SCHEDULED_OUT, detail);
    }

    /** One technique's run at one checkpoint, possibly over several batches. */
    final class Attempt {
        private final CircuitBreaker breaker;
        private final boolean permitted;
        private long nanos;
        private SkipReason failure;
        private String detail = "";
        private Throwable cause;
        private long callStart;

        private Attempt(CircuitBreaker breaker, boolean permitted) {
            this.breaker = breaker;
            this.permitted = permitted;
            if (!permitted) {
                failure = SkipReason.CIRCUIT_OPEN;
                detail = "circuit breaker " + breaker.getName() + " is open";
            }
        }

        /** True while the technique is permitted and has not failed at this checkpoint. */
        boolean isActive() {
            return failure == null;
        }

        /**
         * Runs one call of the technique, timing it against its timeout. A failure ends the
         * technique's attempt at this checkpoint; the value is null then.
         */
        <T> T run(Supplier<T> call) {
            callStart = nanoClock.getAsLong();
            try {
                T value = call.get();
                nanos += nanoClock.getAsLong() - callStart;
                if (nanos > timeout.toNanos()) {
                    fail(SkipReason.TIMEOUT, overBudget(), null);
                }
                return value;
            } catch (DeadlineExceededException e) {
                nanos += nanoClock.getAsLong() - callStart;
                fail(SkipReason.TIMEOUT, e.getMessage(), e);
            } catch (RuntimeException e) {
                nanos += nanoClock.getAsLong() - callStart;
                fail(SkipReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            return null;
        }

        /** A check for long techniques to call between batches during {@link #run}. */
        Runnable deadlineCheck() {
            return () -> {
                if (nanos + (nanoClock.getAsLong() - callStart) > timeout.toNanos()) {
                    throw new DeadlineExceededException(overBudget());
                }
            };
        }

        private String overBudget() {
            return breaker.getName() + " exceeded its timeout of " + timeout.toMillis() + " ms per checkpoint";
        }

        /**
         * Leaves the technique out of the rest of this checkpoint after a probe: not a failure, so
         * its breaker gets its permission back rather than an error.
         */
        void scheduleOut(String message) {
            failure = SkipReason.SCHEDULED_OUT;
            detail = message;
        }

        private void fail(SkipReason reason, String message, Throwable throwable) {
            failure = reason;
            detail = message;
            cause = throwable == null ? new DeadlineExceededException(message) : throwable;
        }

        /** Reports the outcome to the breaker, once, at the end of the checkpoint. */
        void finish(boolean ran) {
            if (!permitted) {
                return;
            }
            if ((!ran && failure == null) || failure == SkipReason.SCHEDULED_OUT) {
                breaker.releasePermission();
            } else if (failure == null) {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
            }
        }

        SkipReason failure() {
            return failure;
        }

        String detail() {
            return detail;
        }

        Throwable cause() {
            return cause;
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
