package io.github.cscore.study;

import java.util.List;
import java.util.Objects;

/**
 * One study run reduced to what judging a warning needs: its scenario and split, when its
 * degradation starts, and at each checkpoint the training step, the monitor's own sample AUC and
 * the AUC on the held-out evaluation set, which is the ground truth.
 *
 * @param id the run's name, unique in the study
 * @param scenario the scenario label; {@value #HEALTHY} for runs that must stay quiet
 * @param seed the run's seed
 * @param split whether the run calibrates thresholds or reports on them
 * @param onsetStep the first training step whose training differs from the healthy twin's; -1
 *     for a healthy run
 * @param checkpoints the run's checkpoints in order
 */
public record RunSeries(String id, String scenario, long seed, Split split, int onsetStep, List<Point> checkpoints) {

    /** The scenario of runs that must stay quiet: any alert in one is a false alarm. */
    public static final String HEALTHY = "healthy";

    /**
     * Checks and copies the components.
     *
     * @param id the run's name, not null
     * @param scenario the scenario, not null
     * @param seed the seed
     * @param split the split, not null
     * @param onsetStep the onset step, -1 for a healthy run, otherwise at least 0
     * @param checkpoints the checkpoints, in increasing step order; copied
     * @throws IllegalArgumentException if steps do not increase or a healthy run has an onset
     */
    public RunSeries {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(split, "split");
        checkpoints = List.copyOf(checkpoints);
        if (HEALTHY.equals(scenario) != (onsetStep < 0)) {
            throw new IllegalArgumentException("run " + id + ": a healthy run has no onset and a degrading one has, "
                    + "but scenario " + scenario + " has onset step " + onsetStep);
        }
        for (int i = 1; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).step() <= checkpoints.get(i - 1).step()) {
                throw new IllegalArgumentException("run " + id + ": checkpoint steps must increase, but "
                        + checkpoints.get(i - 1).step() + " is followed by " + checkpoints.get(i).step());
            }
        }
    }

    /**
     * Tells whether the run must stay quiet.
     *
     * @return true for a healthy run
     */
    public boolean isHealthy() {
        return onsetStep < 0;
    }

    /**
     * Returns the index of the first checkpoint taken at or after the onset.
     *
     * @return the index; 0 for a healthy run; the number of checkpoints if none is that late
     */
    public int onsetIndex() {
        return indexAtOrAfter(Math.max(onsetStep, 0));
    }

    /**
     * Returns the index of the first checkpoint at or after a step.
     *
     * @param step a training step
     * @return the index; the number of checkpoints if every checkpoint is earlier
     */
    public int indexAtOrAfter(int step) {
        for (int i = 0; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).step() >= step) {
                return i;
            }
        }
        return checkpoints.size();
    }

    /** Which seeds a run belongs to: thresholds are chosen on one set and reported on the other. */
    public enum Split {
        /** Seeds whose runs thresholds are chosen on. */
        CALIBRATION,
        /** Seeds no threshold ever saw: the reported figures. */
        REPORT
    }

    /**
     * One checkpoint of a run.
     *
     * @param step the training steps (optimiser updates) completed when it was taken
     * @param sampleAuc the macro AUC on the monitor's own sample; NaN if undefined
     * @param heldOutAuc the macro AUC on the held-out evaluation set; NaN if undefined
     */
    public record Point(int step, double sampleAuc, double heldOutAuc) {}
}
