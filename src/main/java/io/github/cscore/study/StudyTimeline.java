package io.github.cscore.study;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.timeline.Timeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run of the study as it is analysed: what was run, its timeline, and the timelines of the
 * extra monitors that scored the same checkpoints at other gold thresholds.
 *
 * @param id the run's name, unique in the study (e.g. {@code resnet50v2-phantoms-collapse-s3})
 * @param architecture the architecture label
 * @param dataset {@code phantoms} or {@code fashion}
 * @param scenario {@code healthy}, {@code collapse} or {@code shortcut}
 * @param seed the seed of data, weights and sample
 * @param timeline the main monitor's timeline, with the alert events
 * @param tauSweep timelines of extra monitors by gold threshold; may be empty
 * @param wallSeconds the run's wall-clock time, training and monitoring; NaN if unknown
 */
public record StudyTimeline(
        String id,
        String architecture,
        String dataset,
        String scenario,
        long seed,
        Timeline timeline,
        Map<Float, Timeline> tauSweep,
        double wallSeconds) {

    /** The scenario whose runs must stay quiet: every alert in it is a false alarm. */
    public static final String HEALTHY = "healthy";

    /**
     * Checks and copies the components.
     *
     * @param id the run's name, not null
     * @param architecture the architecture label, not null
     * @param dataset the dataset, not null
     * @param scenario the scenario, not null
     * @param seed the seed
     * @param timeline the main timeline, not null
     * @param tauSweep extra timelines by gold threshold; copied, sorted by threshold
     * @param wallSeconds the wall-clock time, or NaN
     */
    public StudyTimeline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(timeline, "timeline");
        tauSweep = Map.copyOf(new TreeMap<>(tauSweep));
    }

    /**
     * Returns the main timeline's checkpoints.
     *
     * @return the checkpoint results, in order
     */
    public List<CheckpointResult> checkpoints() {
        return timeline.checkpoints();
    }

    /**
     * Tells whether this run is meant to be healthy, so that any alert in it is a false alarm.
     *
     * @return true for the healthy scenario
     */
    public boolean isHealthy() {
        return HEALTHY.equals(scenario);
    }

    /**
     * Returns the time the monitors spent scoring, over the main and the extra timelines.
     *
     * @return the summed checkpoint durations, in seconds
     */
    public double monitorSeconds() {
        double sum = seconds(timeline);
        for (Timeline extra : tauSweep.values()) {
            sum += seconds(extra);
        }
        return sum;
    }

    private static double seconds(Timeline timeline) {
        return timeline.checkpoints().stream().mapToDouble(CheckpointResult::seconds).sum();
    }
}
