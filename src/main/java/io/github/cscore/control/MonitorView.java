package io.github.cscore.control;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a monitor: what it is called, what it scores, what it counted and how its
 * techniques' circuit breakers stand. This is what an exporter reads at scrape time and what an
 * evaluator hands out; it cannot change the monitor or training. Every method is safe from any
 * thread.
 */
public interface MonitorView {

    /**
     * Returns the run name every result carries.
     *
     * @return the run name
     */
    String runName();

    /**
     * Returns the model name every result carries.
     *
     * @return the model name
     */
    String modelName();

    /**
     * Returns the techniques the monitor runs, in technique order.
     *
     * @return the techniques
     */
    List<Technique> techniques();

    /**
     * Returns the class names of the validation data; a label is a position in this list.
     *
     * @return the class names
     */
    List<String> classNames();

    /**
     * Returns the running counts of checkpoints, skips and sink failures.
     *
     * @return the statistics, live
     */
    MonitorStatistics statistics();

    /**
     * Returns the registry of the techniques' circuit breakers (named {@code cam-<label>}), for
     * binding their metrics with Resilience4j's own Micrometer binder.
     *
     * @return the registry
     */
    CircuitBreakerRegistry circuitBreakerRegistry();

    /**
     * Tells whether training runs (between the trainer's creation and its close).
     *
     * @return true while training
     */
    boolean isTrainingActive();

    /**
     * Returns the result of the last checkpoint that produced one.
     *
     * @return the latest result, if any
     */
    Optional<CheckpointResult> latest();
}
