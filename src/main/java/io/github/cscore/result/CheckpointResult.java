package io.github.cscore.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one checkpoint measured: accuracy and AUC on the fixed validation sample, the gold
 * list of each class, and each technique's C-Scores. Immutable; holds no engine arrays.
 *
 * <p>Make one with {@link #scored} or {@link #degenerate}; the canonical constructor is for
 * readers that restore every component as it was recorded.
 *
 * @param run the run name
 * @param model the model name
 * @param epoch the number of epochs completed when the checkpoint was taken
 * @param step the optimiser updates (training steps) completed when the checkpoint was taken; -1
 *     when unknown (parameters scored after the fact, a timeline written before steps were kept)
 * @param phase the training phase at the checkpoint
 * @param finishedAt when the checkpoint finished
 * @param seconds the checkpoint's total duration
 * @param passSeconds the time of the shared forward and backward passes
 * @param sampleSize the number of validation images in the sample
 * @param accuracy the share of sample images whose top class is their label; NaN if degenerate
 * @param macroAuc the mean of the defined per-class AUCs; NaN if none is defined
 * @param classes per-class metrics, in class order
 * @param techniques per-technique results, in the order of {@link Technique}
 * @param skipReason null for a normal checkpoint; {@link SkipReason#DEGENERATE} when the model's
 *     logits were not finite and nothing could be scored (a checkpoint that fails outright gives no
 *     result at all: it is counted in the monitor's statistics)
 * @param detail a one-line explanation of a degenerate checkpoint; empty otherwise
 * @param engineSafePath true when the engine failed its gradient self-check and the maps were
 *     computed on the slower, correct path (one image per backward pass)
 */
public record CheckpointResult(
        String run,
        String model,
        int epoch,
        int step,
        Phase phase,
        Instant finishedAt,
        double seconds,
        double passSeconds,
        int sampleSize,
        double accuracy,
        double macroAuc,
        List<ClassMetrics> classes,
        Map<Technique, TechniqueResult> techniques,
        SkipReason skipReason,
        String detail,
        boolean engineSafePath) {

    /**
     * Checks and copies the components; a null detail becomes empty.
     *
     * @param run the run name, not null
     * @param model the model name, not null
     * @param epoch the number of epochs completed when the checkpoint was taken
     * @param step the training steps completed when the checkpoint was taken, -1 if unknown
     * @param phase the training phase at the checkpoint, not null
     * @param finishedAt when the checkpoint finished, not null
     * @param seconds the checkpoint's total duration, in seconds
     * @param passSeconds the time of the shared forward and backward passes, in seconds
     * @param sampleSize the number of validation images in the sample
     * @param accuracy the share of sample images whose top class is their label, in [0, 1]; NaN
     *     if degenerate
     * @param macroAuc the mean of the defined per-class AUCs; NaN if none is defined
     * @param classes per-class metrics, in class order; the list is copied
     * @param techniques per-technique results; the map is copied into the order of {@link
     *     Technique}
     * @param skipReason null for a normal checkpoint, otherwise why nothing could be scored
     * @param detail a one-line explanation of a degenerate or failed checkpoint; null or empty
     *     otherwise
     * @param engineSafePath true when the maps were computed on the engine's safe path
     */
    public CheckpointResult {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (step < -1) {
            throw new IllegalArgumentException("step must be -1 (unknown) or at least 0, but was " + step);
        }
        classes = List.copyOf(classes);
        techniques = techniques.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(techniques));
        detail = detail == null ? "" : detail;
    }

    /**
     * Creates the result of a checkpoint that was scored; the sample size is the sum of the
     * classes' sample sizes.
     *
     * @param identity the run, model, epoch and phase
     * @param timing when it finished and how long it took
     * @param accuracy the share of sample images whose top class is their label
     * @param macroAuc the mean of the defined per-class AUCs; NaN if none is defined
     * @param classes per-class metrics, in class order
     * @param techniques per-technique results, scored or skipped
     * @param engineSafePath true when the maps were computed on the engine's safe path
     * @return the result
     */
    public static CheckpointResult scored(Identity identity, Timing timing, double accuracy, double macroAuc,
            List<ClassMetrics> classes, Map<Technique, TechniqueResult> techniques, boolean engineSafePath) {
        return new CheckpointResult(identity.run(), identity.model(), identity.epoch(), identity.step(), identity.phase(),
                timing.finishedAt(), timing.seconds(), timing.passSeconds(), sampleSize(classes), accuracy, macroAuc,
                classes, techniques, null, "", engineSafePath);
    }

    /**
     * Creates the result of a degenerate checkpoint: the model's logits were not finite, so
     * nothing could be scored. Accuracy and AUC are NaN, and every technique is skipped with
     * reason {@link SkipReason#DEGENERATE} and the same detail.
     *
     * @param identity the run, model, epoch and phase
     * @param timing when it finished and how long it took
     * @param classes per-class metrics, in class order (gold lists empty, AUC NaN)
     * @param techniques the techniques that would have run
     * @param detail one line saying what was not finite
     * @param engineSafePath true when the passes ran on the engine's safe path
     * @return the result
     */
    public static CheckpointResult degenerate(Identity identity, Timing timing, List<ClassMetrics> classes,
            Collection<Technique> techniques, String detail, boolean engineSafePath) {
        Map<Technique, TechniqueResult> skipped = new TreeMap<>();
        techniques.forEach(t -> skipped.put(t, TechniqueResult.skipped(t, SkipReason.DEGENERATE, detail, 0)));
        return new CheckpointResult(identity.run(), identity.model(), identity.epoch(), identity.step(), identity.phase(),
                timing.finishedAt(), timing.seconds(), timing.passSeconds(), sampleSize(classes), Double.NaN,
                Double.NaN, classes, skipped, SkipReason.DEGENERATE, detail, engineSafePath);
    }

    private static int sampleSize(List<ClassMetrics> classes) {
        return classes.stream().mapToInt(ClassMetrics::sampleSize).sum();
    }

    /**
     * Returns the run, model, epoch, step and phase this result is reported under.
     *
     * @return the identity
     */
    public Identity identity() {
        return new Identity(run, model, epoch, step, phase);
    }

    /**
     * Returns when this checkpoint finished and how long it took.
     *
     * @return the timing
     */
    public Timing timing() {
        return new Timing(finishedAt, seconds, passSeconds);
    }

    /**
     * Returns the skips this checkpoint counts, the one definition every counter and rule uses
     * (the monitor's statistics, {@code cscore_checkpoints_skipped_total}, the technique-failing
     * rule): a checkpoint not scored as a whole counts once, under its own reason, and its
     * techniques are not counted again; otherwise each skipped technique counts once, under its
     * reason.
     *
     * @return one reason per skip, in technique order; empty when everything was scored
     */
    public List<SkipReason> skips() {
        if (skipReason != null) {
            return List.of(skipReason);
        }
        List<SkipReason> skips = new ArrayList<>();
        for (TechniqueResult technique : techniques.values()) {
            if (!technique.isScored()) {
                skips.add(technique.skipReason());
            }
        }
        return List.copyOf(skips);
    }

    /**
     * Returns the class names, in class order.
     *
     * @return the names
     */
    public List<String> classNames() {
        return classes.stream().map(ClassMetrics::name).toList();
    }

    /**
     * Returns one technique's result.
     *
     * @param technique the technique
     * @return its result
     * @throws IllegalArgumentException if the technique was not run by this monitor
     */
    public TechniqueResult technique(Technique technique) {
        TechniqueResult result = techniques.get(technique);
        if (result == null) {
            throw new IllegalArgumentException(
                    "technique " + technique.label() + " is not in this checkpoint; it has "
                            + techniques.keySet().stream().map(Technique::label).toList());
        }
        return result;
    }

    /**
     * Tells whether the whole checkpoint was scored normally.
     *
     * @return true unless degenerate or failed
     */
    public boolean isScored() {
        return skipReason == null;
    }

    /**
     * The run, model, epoch, step and phase a checkpoint is reported under.
     *
     * @param run the run name
     * @param model the model name
     * @param epoch the number of epochs completed when the checkpoint was taken
     * @param step the training steps completed when the checkpoint was taken, -1 if unknown
     * @param phase the training phase at the checkpoint
     */
    public record Identity(String run, String model, int epoch, int step, Phase phase) {

        /**
         * An identity whose step is unknown.
         *
         * @param run the run name
         * @param model the model name
         * @param epoch the number of epochs completed when the checkpoint was taken
         * @param phase the training phase at the checkpoint
         */
        public Identity(String run, String model, int epoch, Phase phase) {
            this(run, model, epoch, -1, phase);
        }
    }

    /**
     * When a checkpoint finished and how long it took.
     *
     * @param finishedAt when the checkpoint finished
     * @param seconds the checkpoint's total duration
     * @param passSeconds the time of the shared forward and backward passes
     */
    public record Timing(Instant finishedAt, double seconds, double passSeconds) {}
}
