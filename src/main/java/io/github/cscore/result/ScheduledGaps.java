package io.github.cscore.result;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The checkpoints of a run as a reader that holds values over time sees them. A technique the
 * monitor's time budget left out of a checkpoint ({@link SkipReason#SCHEDULED_OUT}) is no data
 * there: neither a drop nor a failure. So its result at the latest checkpoint where it was not left
 * out stands in for it, if it was scored there; after a failure (a timeout, an error) the
 * scheduled-out result stays as it is, so that the failure is neither counted again nor papered
 * over with an older score. The exported gauges and the alert engine read checkpoints through one
 * of these, so that a gauge keeps its value and a rule neither trips nor resets on a checkpoint
 * that did not score the technique. One per reader, fed every checkpoint in order; not thread-safe.
 */
public final class ScheduledGaps {

    private final Map<Technique, TechniqueResult> last = new HashMap<>();

    /**
     * Returns the checkpoint with each scheduled-out technique replaced by its last result, when
     * that one was scored, and remembers this checkpoint's other results for the next.
     *
     * @param result the latest checkpoint
     * @return the same result if nothing was left out, otherwise a copy with the gaps filled
     */
    public CheckpointResult fill(CheckpointResult result) {
        Objects.requireNonNull(result, "result");
        Map<Technique, TechniqueResult> filled = new TreeMap<>(result.techniques());
        boolean changed = false;
        for (TechniqueResult technique : result.techniques().values()) {
            TechniqueResult earlier = last.get(technique.technique());
            if (technique.skipReason() != SkipReason.SCHEDULED_OUT) {
                last.put(technique.technique(), technique);
            } else if (earlier != null && earlier.isScored()) {
                filled.put(technique.technique(), earlier);
                changed = true;
            }
        }
        if (!changed) {
            return result;
        }
        return new CheckpointResult(result.run(), result.model(), result.epoch(), result.step(), result.phase(),
                result.finishedAt(), result.seconds(), result.passSeconds(), result.sampleSize(), result.accuracy(),
                result.macroAuc(), result.classes(), filled, result.skipReason(), result.detail(),
                result.engineSafePath());
    }

    /**
     * Tells whether a technique was left out of a checkpoint by the time budget.
     *
     * @param result the checkpoint
     * @param technique the technique
     * @return true if its result there is {@link SkipReason#SCHEDULED_OUT}
     */
    public static boolean isScheduledOut(CheckpointResult result, Technique technique) {
        TechniqueResult value = result.techniques().get(technique);
        return value != null && value.skipReason() == SkipReason.SCHEDULED_OUT;
    }
}
