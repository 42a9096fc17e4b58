package io.github.cscore.study;

import java.util.BitSet;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Judges a warning against the ground truth, by the definitions fixed before the runs
 * (docs/experiments.md, "Protocol"): the <b>drop</b> is the first checkpoint at or after the onset
 * whose held-out macro AUC is below its running maximum over the whole run minus the drop margin
 * (an undefined AUC after a defined one counts as a drop); a warning counts from the onset on, an
 * earlier one is a false alarm of that run.
 */
public final class WarningJudge {

    /** Returned by the finders when nothing was found. */
    public static final int NONE = -1;

    private final double dropMargin;

    /**
     * Creates a judge.
     *
     * @param dropMargin how far below its running maximum the held-out AUC must fall, in (0, 1)
     * @throws IllegalArgumentException if the margin is outside (0, 1)
     */
    public WarningJudge(double dropMargin) {
        if (!(dropMargin > 0 && dropMargin < 1)) {
            throw new IllegalArgumentException("dropMargin must be in (0, 1), but was " + dropMargin);
        }
        this.dropMargin = dropMargin;
    }

    /**
     * Returns the checkpoint index of the ground-truth AUC drop.
     *
     * @param run the run
     * @return the index, or {@link #NONE} if the held-out AUC never dropped after the onset
     */
    public int drop(RunSeries run) {
        int drop = belowRunningMax(run.checkpoints(), RunSeries.Point::heldOutAuc, dropMargin).nextSetBit(run.onsetIndex());
        return drop < 0 ? NONE : drop;
    }

    /**
     * Returns the checkpoints at which a series is below its running maximum (over the run so
     * far) minus a margin, or undefined after a defined value.
     *
     * @param points the checkpoints
     * @param value the series
     * @param margin the margin
     * @return the indices of those checkpoints
     */
    static BitSet belowRunningMax(List<RunSeries.Point> points, ToDoubleFunction<RunSeries.Point> value, double margin) {
        BitSet below = new BitSet();
        double max = Double.NaN;
        for (int i = 0; i < points.size(); i++) {
            double v = value.applyAsDouble(points.get(i));
            if (Double.isNaN(v) ? !Double.isNaN(max) : v < max - margin) {
                below.set(i);
            }
            if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                max = v;
            }
        }
        return below;
    }

    /**
     * Judges one signal in one run.
     *
     * @param run the run
     * @param firstWarning the index of the signal's first warning at or after the onset (for a
     *     healthy run: anywhere), or {@link #NONE}
     * @param warnedBeforeOnset whether the signal also warned before the onset (a false alarm of
     *     a degrading run)
     * @return the judgement
     */
    public Judgement judge(RunSeries run, int firstWarning, boolean warnedBeforeOnset) {
        if (run.isHealthy()) {
            return new Judgement(firstWarning == NONE ? Kind.QUIET : Kind.FALSE_ALARM, NONE, firstWarning, 0, 0,
                    firstWarning != NONE);
        }
        int drop = drop(run);
        Kind kind;
        if (drop == NONE) {
            kind = firstWarning == NONE ? Kind.NO_DROP_QUIET : Kind.NO_DROP_WARNED;
        } else if (firstWarning == NONE) {
            kind = Kind.NEVER;
        } else {
            kind = firstWarning < drop ? Kind.EARLY : firstWarning == drop ? Kind.ON_TIME : Kind.LATE;
        }
        boolean both = drop != NONE && firstWarning != NONE;
        int leadCheckpoints = both ? drop - firstWarning : 0;
        int leadSteps = both ? run.checkpoints().get(drop).step() - run.checkpoints().get(firstWarning).step() : 0;
        return new Judgement(kind, drop, firstWarning, leadCheckpoints, leadSteps, warnedBeforeOnset);
    }

    /** How a signal did in one run. */
    public enum Kind {
        /** AUC dropped and the signal warned at an earlier checkpoint (after the onset). */
        EARLY,
        /** The signal warned at the checkpoint of the drop. */
        ON_TIME,
        /** The signal warned after the drop. */
        LATE,
        /** AUC dropped and the signal never warned. */
        NEVER,
        /** A degrading run whose held-out AUC never dropped, and the signal stayed quiet. */
        NO_DROP_QUIET,
        /** A degrading run whose held-out AUC never dropped, and the signal warned (a shortcut flagged). */
        NO_DROP_WARNED,
        /** A healthy run in which the signal warned. */
        FALSE_ALARM,
        /** A healthy run in which the signal stayed quiet. */
        QUIET
    }

    /**
     * One signal's outcome in one run.
     *
     * @param kind the classification
     * @param drop the checkpoint index of the drop, or {@link #NONE}
     * @param warning the checkpoint index of the first warning counted, or {@link #NONE}
     * @param leadCheckpoints drop minus warning, in checkpoints; 0 unless both happened
     * @param leadSteps drop minus warning, in training steps; 0 unless both happened
     * @param falseAlarm true for a healthy run that warned, or a degrading run that warned before
     *     its onset
     */
    public record Judgement(Kind kind, int drop, int warning, int leadCheckpoints, int leadSteps, boolean falseAlarm) {}
}
