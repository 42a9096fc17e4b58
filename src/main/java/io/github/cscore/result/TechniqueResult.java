package io.github.cscore.result;

import io.github.cscore.score.ClassScore;
import io.github.cscore.score.GlobalScore;

import java.util.List;
import java.util.Objects;

/**
 * One technique's C-Scores at a checkpoint, or why it was skipped.
 *
 * @param technique the technique
 * @param skipReason null if scored, otherwise why not
 * @param detail a one-line explanation of a skip (the exception message, the budget); empty if
 *     scored
 * @param classes per-class consistency, in class order; empty if skipped
 * @param global macro, gold-size-weighted and worst-class aggregates; all NaN if skipped
 * @param seconds time the technique took at this checkpoint, excluding the shared pass
 * @param signals per-class drift and cross-class similarity of the maps, in class order; empty
 *     if skipped or not measured
 */
public record TechniqueResult(
        Technique technique,
        SkipReason skipReason,
        String detail,
        List<ClassScore> classes,
        GlobalScore global,
        double seconds,
        List<ExplanationSignals> signals) {

    /**
     * Checks and copies the components; a null detail becomes empty.
     *
     * @param technique the technique, not null
     * @param skipReason null if scored, otherwise why not
     * @param detail a one-line explanation of a skip; null or empty if scored
     * @param classes per-class consistency, in class order; empty if skipped; copied
     * @param global the aggregates over {@code classes}, not null
     * @param seconds time the technique took at this checkpoint, in seconds, excluding the shared
     *     pass
     * @param signals per-class explanation signals, in class order; empty if not measured; copied
     * @throws IllegalArgumentException if signals are given for another number of classes
     */
    public TechniqueResult {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(global, "global");
        detail = detail == null ? "" : detail;
        classes = List.copyOf(classes);
        signals = List.copyOf(signals);
        if (!signals.isEmpty() && signals.size() != classes.size()) {
            throw new IllegalArgumentException("signals must be given for each of the " + classes.size()
                    + " classes, but were given for " + signals.size());
        }
    }

    /**
     * Creates the result of a scored technique.
     *
     * @param technique the technique
     * @param classes per-class consistency
     * @param seconds the time it took
     * @return the result
     */
    public static TechniqueResult scored(Technique technique, List<ClassScore> classes, double seconds) {
        return new TechniqueResult(technique, null, "", classes, GlobalScore.of(classes), seconds, List.of());
    }

    /**
     * Creates the result of a skipped technique.
     *
     * @param technique the technique
     * @param reason why it was skipped
     * @param detail a one-line explanation
     * @param seconds the time spent before giving up
     * @return the result
     */
    public static TechniqueResult skipped(Technique technique, SkipReason reason, String detail, double seconds) {
        Objects.requireNonNull(reason, "reason");
        return new TechniqueResult(
                technique, reason, detail, List.of(), GlobalScore.of(List.of()), seconds, List.of());
    }

    /**
     * Tells whether the technique was scored.
     *
     * @return true unless skipped
     */
    public boolean isScored() {
        return skipReason == null;
    }

    /**
     * Returns the C-Score of one class.
     *
     * @param classIndex the class
     * @return the score, NaN if undefined or skipped
     */
    public double score(int classIndex) {
        return isScored() ? classes.get(classIndex).score() : Double.NaN;
    }

    /**
     * Returns the number of flat maps in one class's gold list.
     *
     * @param classIndex the class
     * @return the count, 0 if skipped
     */
    public int flatMaps(int classIndex) {
        return isScored() ? classes.get(classIndex).flatMaps() : 0;
    }

    /**
     * Returns this result with the explanation signals of each class.
     *
     * @param perClass the signals, one per class in class order
     * @return a new result
     * @throws IllegalArgumentException if the count differs from the classes'
     */
    public TechniqueResult withSignals(List<ExplanationSignals> perClass) {
        return new TechniqueResult(technique, skipReason, detail, classes, global, seconds, perClass);
    }

    /**
     * Returns the explanation signals of one class.
     *
     * @param classIndex the class
     * @return its signals; {@link ExplanationSignals#NONE} if none were measured
     */
    public ExplanationSignals signals(int classIndex) {
        return signals.isEmpty() ? ExplanationSignals.NONE : signals.get(classIndex);
    }
}
