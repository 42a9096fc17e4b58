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
import java.util.function.Supplier;

/**
 * The circuit breaker and time budget of each technique.
 *
 * <p>Each technique runs synchronously under a breaker named {@code cam-<label>}; its time budget
 * per checkpoint is a deadline checked between batches, not a timer thread, since native engine
 * calls ignore interrupts and only one gradient collector may be open per process. The breakers
 * run on a {@link CheckpointClock}, so their open-state wait is counted in checkpoints.
 */
final class TechniqueGuards {

    private final CheckpointClock clock = new CheckpointClock();
    private final Map<Technique, CircuitBreaker> breakers = new TreeMap<>();
    private final CircuitBreakerRegistry registry;
    private final Duration budget;

    TechniqueGuards(Collection<Technique> techniques, CircuitBreakerConfig config, Duration budget) {
        CircuitBreakerConfig onCheckpoints = CircuitBreakerConfig.from(config).clock(clock).build();
        registry = CircuitBreakerRegistry.of(onCheckpoints);
        for (Technique technique : techniques) {
            breakers.put(technique, registry.circuitBreaker(breakerName(technique)));
        }
        this.budget = budget;
    }

    /** The name of a technique's breaker, as Resilience4j's metrics label it. */
    static String breakerName(Technique technique) {
        return "cam-" + technique.label();
    }

    /** The registry holding every technique's breaker. */
    CircuitBreakerRegistry registry() {
        return registry;
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
         * Runs one call of the technique, timing it against the budget. A failure ends the
         * technique's attempt at this checkpoint; the value is null then.
         */
        <T> T run(Supplier<T> call) {
            callStart = System.nanoTime();
            try {
                T value = call.get();
                nanos += System.nanoTime() - callStart;
                if (nanos > budget.toNanos()) {
                    fail(SkipReason.TIMEOUT, overBudget(), null);
                }
                return value;
            } catch (DeadlineExceededException e) {
                nanos += System.nanoTime() - callStart;
                fail(SkipReason.TIMEOUT, e.getMessage(), e);
            } catch (RuntimeException e) {
                nanos += System.nanoTime() - callStart;
                fail(SkipReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            return null;
        }

        /** A check for long techniques to call between batches during {@link #run}. */
        Runnable deadlineCheck() {
            return () -> {
                if (nanos + (System.nanoTime() - callStart) > budget.toNanos()) {
                    throw new DeadlineExceededException(overBudget());
                }
            };
        }

        private String overBudget() {
            return breaker.getName() + " exceeded its budget of " + budget.toMillis() + " ms per checkpoint";
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
            if (!ran && failure == null) {
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
