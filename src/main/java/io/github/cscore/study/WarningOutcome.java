package io.github.cscore.study;

import java.util.Locale;
import java.util.Objects;

/**
 * For one run and one warning signal: when AUC dropped, when the signal first warned, and what
 * that makes the signal in this run.
 *
 * @param run the run's name
 * @param scenario the run's scenario
 * @param signal a technique label, or {@value #ANY} for the earliest of all signals of the run
 * @param criterion what the signal is: an alert of the engine, or a C-Score drop
 * @param aucDropEpoch the epoch of the checkpoint at which AUC dropped; -1 if it never did
 * @param warnEpoch the epoch of the checkpoint at which the signal first warned; -1 if never
 * @param lead the AUC-drop checkpoint minus the warning checkpoint, in checkpoints (positive:
 *     the warning came first); 0 unless both happened
 * @param rule the rule of the first alert (for {@link Criterion#ALERT}); empty otherwise
 * @param kind the classification
 */
public record WarningOutcome(
        String run,
        String scenario,
        String signal,
        Criterion criterion,
        int aucDropEpoch,
        int warnEpoch,
        int lead,
        String rule,
        Kind kind) {

    /** The signal label that stands for the earliest warning of any kind in the run. */
    public static final String ANY = "any";

    /** What warns. */
    public enum Criterion {
        /** The first alert the engine fired about the technique (any rule). */
        ALERT,
        /** The first checkpoint at which the technique's macro C-Score fell below its running maximum minus the margin. */
        SCORE_DROP,
        /**
         * The first alert about the technique that the healthy run of the same architecture,
         * dataset and seed did not fire (same rule, technique and class at the same epoch): the
         * two runs are identical until the failing scenario departs, so shared alerts are not
         * caused by it.
         */
        NEW_ALERT;

        /**
         * Returns the label used in files.
         *
         * @return {@code alert}, {@code score-drop} or {@code new-alert}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a signal did in one run. */
    public enum Kind {
        /** AUC dropped and the signal warned at an earlier checkpoint. */
        EARLY,
        /** AUC dropped and the signal warned at the same checkpoint. */
        ON_TIME,
        /** AUC dropped and the signal warned only later: a miss. */
        LATE,
        /** AUC dropped and the signal never warned: a miss. */
        MISSED,
        /** AUC did not drop but the signal warned. */
        WARNED,
        /** AUC did not drop and the signal stayed quiet. */
        QUIET;

        /**
         * Returns the label used in files.
         *
         * @return the lower-case name, with {@code -} for {@code _}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Checks the components.
     *
     * @param run the run, not null
     * @param scenario the scenario, not null
     * @param signal the signal, not null
     * @param criterion the criterion, not null
     * @param aucDropEpoch the AUC-drop epoch or -1
     * @param warnEpoch the warning epoch or -1
     * @param lead the lead in checkpoints
     * @param rule the first alert's rule, or empty
     * @param kind the classification, not null
     */
    public WarningOutcome {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(kind, "kind");
        rule = rule == null ? "" : rule;
    }

    /**
     * Tells whether the run's AUC dropped and the signal did not warn at or before the drop.
     *
     * @return true for {@link Kind#LATE} and {@link Kind#MISSED}
     */
    public boolean isMiss() {
        return kind == Kind.LATE || kind == Kind.MISSED;
    }

    /**
     * Tells whether this is a warning in a run meant to be healthy.
     *
     * @return true if the run is healthy and the signal warned
     */
    public boolean isFalseAlarm() {
        return StudyTimeline.HEALTHY.equals(scenario) && warnEpoch >= 0;
    }

    /**
     * Tells whether a lead time was measured (AUC dropped and the signal warned).
     *
     * @return true for early, on-time and late warnings
     */
    public boolean hasLead() {
        return kind == Kind.EARLY || kind == Kind.ON_TIME || kind == Kind.LATE;
    }
}
