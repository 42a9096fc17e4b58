package io.github.cscore.result;

import java.util.Objects;
import java.util.Optional;

/**
 * An early-warning alert that started firing, or stopped, at a checkpoint.
 *
 * @param rule the rule's name, the same as the Prometheus alert name (e.g. {@code
 *     CScoreRelativeDrop})
 * @param severity how urgent it is
 * @param state whether the alert fired or resolved at this checkpoint
 * @param run the run name
 * @param model the model name
 * @param epoch the epoch of the checkpoint at which the state changed
 * @param technique the technique label the alert is about; empty string when it concerns no single
 *     technique (e.g. gold-list collapse)
 * @param className the class the alert is about; empty string when it concerns no single class
 * @param value the observed value that crossed the threshold (NaN if none applies)
 * @param threshold the threshold it was compared with (NaN if none applies)
 * @param message one line for a person: what happened, in numbers
 */
public record AlertEvent(
        String rule,
        Severity severity,
        State state,
        String run,
        String model,
        int epoch,
        String technique,
        String className,
        double value,
        double threshold,
        String message) {

    /** Whether an alert started or stopped firing. */
    public enum State {
        /** The condition holds: the alert fires from this checkpoint on. */
        FIRING,
        /** The condition no longer holds: the alert stops. */
        RESOLVED;

        /**
         * Returns the lower-case label used in files.
         *
         * @return {@code firing} or {@code resolved}
         */
        public String label() {
            return this == FIRING ? "firing" : "resolved";
        }

        /**
         * Finds a state by its label.
         *
         * @param label {@code firing} or {@code resolved}
         * @return the state
         * @throws IllegalArgumentException for any other label
         */
        public static State fromLabel(String label) {
            for (State state : values()) {
                if (state.label().equals(label)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown alert state '" + label + "', expected firing or resolved");
        }
    }

    /**
     * Checks the components; null technique or class become empty strings.
     *
     * @param rule the rule name, not blank
     * @param severity the severity, not null
     * @param state the state, not null
     * @param run the run name, not null
     * @param model the model name, not null
     * @param epoch the epoch of the checkpoint
     * @param technique a technique label, or empty
     * @param className a class name, or empty
     * @param value the observed value, or NaN
     * @param threshold the threshold, or NaN
     * @param message a one-line message, not null
     */
    public AlertEvent {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule must be non-blank, but was '" + rule + "'");
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(message, "message");
        technique = technique == null ? "" : technique;
        className = className == null ? "" : className;
    }

    /**
     * Returns the technique the alert is about, if it is about one.
     *
     * @return the technique
     */
    public Optional<Technique> techniqueValue() {
        return technique.isEmpty() ? Optional.empty() : Optional.of(Technique.fromLabel(technique));
    }

    /**
     * Tells whether the alert fired (rather than resolved) at this checkpoint.
     *
     * @return true when firing
     */
    public boolean isFiring() {
        return state == State.FIRING;
    }
}
