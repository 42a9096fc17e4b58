package io.github.cscore.study;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the monitor cost over a study's runs and what it scored: its seconds against the runs'
 * training time (their wall time less the study's own held-out evaluation, which is not the
 * monitor's), and per technique the checkpoints it was scored at, left out by the time budget, or
 * skipped otherwise.
 *
 * @param monitorSeconds the checkpoints' seconds, summed over the runs
 * @param trainingSeconds the runs' wall time less their held-out evaluation, summed
 * @param checkpoints the checkpoints of all runs
 * @param counts per technique: scored, scheduled out, skipped otherwise
 */
public record MonitorCost(double monitorSeconds, double trainingSeconds, int checkpoints,
        Map<Technique, int[]> counts) {

    private static final int SCORED = 0;
    private static final int SCHEDULED_OUT = 1;
    private static final int OTHER = 2;

    /**
     * Adds up the runs.
     *
     * @param runs the study's runs
     * @return the cost
     */
    public static MonitorCost of(List<StudyRunData> runs) {
        double monitor = 0;
        double training = 0;
        int checkpoints = 0;
        Map<Technique, int[]> counts = new TreeMap<>();
        for (StudyRunData run : runs) {
            training += run.wallSeconds() - run.heldOutSeconds();
            for (CheckpointResult checkpoint : run.checkpoints()) {
                monitor += checkpoint.seconds();
                checkpoints++;
                for (TechniqueResult technique : checkpoint.techniques().values()) {
                    counts.computeIfAbsent(technique.technique(), t -> new int[3])[kind(technique)]++;
                }
            }
        }
        return new MonitorCost(monitor, training, checkpoints, counts);
    }

    private static int kind(TechniqueResult technique) {
        if (technique.isScored()) {
            return SCORED;
        }
        return technique.skipReason() == SkipReason.SCHEDULED_OUT ? SCHEDULED_OUT : OTHER;
    }

    /**
     * Returns the monitor's share of the training time.
     *
     * @return monitor seconds over training seconds; NaN without a known training time
     */
    public double share() {
        return trainingSeconds > 0 ? monitorSeconds / trainingSeconds : Double.NaN;
    }

    /**
     * Returns the cost in one line, as {@code cscore study} prints it at the end.
     *
     * @return {@code monitor: 5.3 % of training (302 s of 5640 s); checkpoints scored per technique: gradcam
     *     510/510, ..., scorecam 30/510 (480 scheduled out)}
     */
    public String line() {
        return String.format(Locale.ROOT, "monitor: %.1f %% of training (%.0f s of %.0f s, the runs' wall time less "
                + "the held-out evaluation); checkpoints scored per technique: %s", 100 * share(), monitorSeconds,
                trainingSeconds, perTechnique());
    }

    private String perTechnique() {
        StringBuilder text = new StringBuilder();
        counts.forEach((technique, count) -> {
            text.append(text.length() == 0 ? "" : ", ").append(technique.label()).append(' ')
                    .append(count[SCORED]).append('/').append(checkpoints);
            if (count[SCHEDULED_OUT] > 0 || count[OTHER] > 0) {
                text.append(" (").append(count[SCHEDULED_OUT]).append(" scheduled out");
                text.append(count[OTHER] > 0 ? ", " + count[OTHER] + " skipped otherwise" : "").append(')');
            }
        });
        return text.toString();
    }
}
