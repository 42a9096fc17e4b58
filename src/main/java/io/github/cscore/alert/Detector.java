package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.List;

/**
 * The in-process part of an early-warning rule, over the sequence of checkpoints. The engine asks
 * it, at every checkpoint, which conditions hold now; an alert fires once a condition held at
 * {@link #forCheckpoints()} consecutive checkpoints and resolves at the first checkpoint where it
 * does not. A built-in {@link AlertRule} the engine evaluates is its own detector; a detector
 * handed over alone ({@link AlertEngineBuilder#optDetector}) alerts in process only.
 */
public interface Detector {

    /**
     * Returns the rule name, the same as the Prometheus alert's.
     *
     * @return e.g. {@code CScoreRelativeDrop}
     */
    String rule();

    /**
     * Returns the severity of the alerts of this rule.
     *
     * @return the severity
     */
    Severity severity();

    /**
     * Returns how many consecutive checkpoints a condition must hold before it fires (the
     * Prometheus rule's {@code for:} is one checkpoint period less).
     *
     * @return at least 1
     */
    int forCheckpoints();

    /**
     * Returns the conditions that hold at the latest checkpoint.
     *
     * @param history the checkpoints so far, latest last
     * @return one finding per technique and class for which the condition holds
     */
    List<Finding> evaluate(CheckpointHistory history);
}
