package io.github.cscore.study;

import java.util.BitSet;

/**
 * When a signal warned in one run: its first warning from the onset on, and whether it also
 * warned before the onset.
 *
 * @param first the checkpoint index of the first warning at or after the onset (anywhere in a
 *     healthy run), or {@link WarningJudge#NONE}
 * @param beforeOnset true if the signal warned at a checkpoint before the onset
 */
public record Warnings(int first, boolean beforeOnset) {

    /** No warning at all. */
    public static final Warnings NONE = new Warnings(WarningJudge.NONE, false);

    /**
     * Reads the warnings of a run from the checkpoints at which a signal held.
     *
     * @param run the run
     * @param warned the indices of the checkpoints at which the signal warned
     * @return the warnings
     */
    public static Warnings of(RunSeries run, BitSet warned) {
        int onset = run.onsetIndex();
        int first = warned.nextSetBit(onset);
        boolean before = !run.isHealthy() && warned.nextSetBit(0) >= 0 && warned.nextSetBit(0) < onset;
        return new Warnings(first < 0 ? WarningJudge.NONE : first, before);
    }
}
