package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: the model grows unsure of a class: the mean probability it gives the class on
 * the sample images of that class fell by at least {@code drop} below its maximum over the last
 * {@code window} checkpoints. A model losing a class first loses confidence in it, while it still
 * ranks the images right and the AUC holds.
 *
 * <p>Unfreezing a backbone shakes the confidence of a healthy model too: in the study's healthy
 * runs a class's confidence fell by up to 0.33 within the first fine-tuning epoch and recovered
 * (docs/experiments.md). So the rule is silent at the first {@code afterUnfreeze} fine-tuning
 * checkpoints that follow a transfer-learning checkpoint; a run that only fine-tunes is watched
 * from its first checkpoint.
 */
public final class ConfidenceDrop implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreConfidenceDrop";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public ConfidenceDrop(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static ConfidenceDrop ofDefaults() {
        return new ConfidenceDrop(Settings.ofDefaults());
    }

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    /** {@inheritDoc} */
    @Override
    public int forCheckpoints() {
        return 1;
    }

    /** {@inheritDoc} */
    @Override
    public int window() {
        return Math.max(s.window(), s.afterUnfreeze() + 1);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        if (justUnfrozen(history)) {
            return List.of();
        }
        List<CheckpointResult> window = history.last(s.window());
        List<Finding> findings = new ArrayList<>();
        for (ClassMetrics cls : history.latest().classes()) {
            double[] values = new double[window.size()];
            for (int i = 0; i < values.length; i++) {
                List<ClassMetrics> classes = window.get(i).classes();
                values[i] = cls.index() < classes.size() ? classes.get(cls.index()).confidence() : Double.NaN;
            }
            double max = Detectors.maxDefined(values);
            if (cls.confidence() <= max - s.drop()) {
                findings.add(new Finding("", cls.name(), cls.confidence(), max - s.drop(), "the mean confidence in class "
                        + cls.name() + " fell to " + Detectors.f(cls.confidence()) + " from " + Detectors.f(max)
                        + " within " + window.size() + " checkpoints"));
            }
        }
        return findings;
    }

    /** True at a fine-tuning checkpoint with a transfer-learning one among the last {@code afterUnfreeze + 1}. */
    private boolean justUnfrozen(CheckpointHistory history) {
        return s.afterUnfreeze() > 0 && history.latest().phase() == Phase.FINETUNE
                && history.last(s.afterUnfreeze() + 1).stream().anyMatch(result -> result.phase() == Phase.TRANSFER);
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String confidence = CScoreMeters.CLASS_CONFIDENCE.prometheusName();
        String fall = confidence + " <= max_over_time(" + confidence + "[" + context.window(s.window()) + "]) - "
                + s.drop();
        if (s.afterUnfreeze() == 0) {
            return fall;
        }
        String phase = CScoreMeters.PHASE.prometheusName();
        String run = "on(job, instance, run, model)";
        return fall + "\nunless " + run + " (" + phase + "{phase=\"finetune\"} == 1\n  and " + run
                + " max_over_time(" + phase + "{phase=\"transfer\"}[" + context.window(s.afterUnfreeze() + 1)
                + "]) == 1)";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Confidence in class {{ $labels.class }} fell";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the mean probability of class {{ $labels.class }} on its own sample images fell to "
                + VALUE + ", at least " + s.drop() + " below its maximum over the last " + s.window()
                + " checkpoints: the model is losing the class.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param drop a fall of at least this below the recent maximum fires
     * @param window checkpoints (the latest included) the maximum is taken over
     * @param afterUnfreeze fine-tuning checkpoints after a transfer-learning one the rule is silent
     *     at; 0 watches every checkpoint
     */
    public record Settings(double drop, int window, int afterUnfreeze) {

        /**
         * Default drop: a fall of 0.15 in the mean probability, chosen on the study's calibration
         * runs (docs/experiments.md).
         */
        public static final double DEFAULT_DROP = 0.15;
        /** Default window: the maximum of the last five checkpoints, as the relative drop's. */
        public static final int DEFAULT_WINDOW = 5;
        /**
         * Default silence after the unfreeze: four checkpoints, the study's first fine-tuning epoch
         * (34 steps, a checkpoint every 10), chosen on its development seeds and judged on seeds
         * that had not been run when it was chosen (docs/experiments.md).
         */
        public static final int DEFAULT_AFTER_UNFREEZE = 4;

        /**
         * Checks the values.
         *
         * @param drop in (0, 1)
         * @param window at least 2
         * @param afterUnfreeze at least 0
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("drop", drop);
            Bounds.atLeast("window", window, 2);
            Bounds.atLeast("afterUnfreeze", afterUnfreeze, 0);
        }

        /**
         * Settings watching every checkpoint, the unfreeze included.
         *
         * @param drop in (0, 1)
         * @param window at least 2
         */
        public Settings(double drop, int window) {
            this(drop, window, 0);
        }

        /**
         * Returns the defaults.
         *
         * @return a fall of {@value #DEFAULT_DROP} within {@value #DEFAULT_WINDOW} checkpoints, silent
         *     for {@value #DEFAULT_AFTER_UNFREEZE} checkpoints after the unfreeze
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_DROP, DEFAULT_WINDOW, DEFAULT_AFTER_UNFREEZE);
        }
    }
}
