package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.COUNT;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: the explanations of a class moved since the previous checkpoint, in at least
 * {@code minTechniques} techniques by at least {@code threshold} (mean {@code 1 - soft IoU} of each
 * sample image's map now and then). A model whose features are being disrupted moves its maps of
 * every image at once, before its ranking goes; needing several techniques to agree keeps one
 * technique's noise quiet. It needs no gold list, so it sees a class that is leaving it.
 */
public final class ExplanationDrift implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreExplanationDrift";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public ExplanationDrift(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static ExplanationDrift ofDefaults() {
        return new ExplanationDrift(Settings.ofDefaults());
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
        return s.forCheckpoints();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.drifting(history.latest(), ExplanationSignals::driftFromPrevious, s.threshold(),
                s.minTechniques(), "since the previous checkpoint");
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return Detectors.driftingExpression(CScoreMeters.PREVIOUS, s.threshold(), s.minTechniques());
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Explanations of class {{ $labels.class }} moved sharply";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the CAM maps of class {{ $labels.class }} moved by at least " + s.threshold()
                + " (mean 1 - soft IoU per image) since the previous checkpoint in " + COUNT + " techniques ("
                + s.minTechniques() + " or more fire): the model's features of this class are changing fast.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param threshold a drift from the previous checkpoint at least this ...
     * @param minTechniques ... in at least this many techniques fires
     * @param forCheckpoints checkpoints in a row
     */
    public record Settings(double threshold, int minTechniques, int forCheckpoints) {

        /**
         * Default threshold: a mean 1 - soft IoU of 0.5 from the previous checkpoint's maps, chosen on
         * the study's calibration runs (docs/experiments.md).
         */
        public static final double DEFAULT_THRESHOLD = 0.5;
        /** Default minTechniques: two techniques must agree, so one technique's noise stays quiet. */
        public static final int DEFAULT_MIN_TECHNIQUES = 2;
        /** Default forCheckpoints: the checkpoint it happens at. */
        public static final int DEFAULT_FOR_CHECKPOINTS = 1;

        /**
         * Checks the values.
         *
         * @param threshold in (0, 1)
         * @param minTechniques at least 1
         * @param forCheckpoints at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("threshold", threshold);
            Bounds.atLeast("minTechniques", minTechniques, 1);
            Bounds.atLeast("forCheckpoints", forCheckpoints, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return a drift of {@value #DEFAULT_THRESHOLD} in {@value #DEFAULT_MIN_TECHNIQUES} techniques
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_THRESHOLD, DEFAULT_MIN_TECHNIQUES, DEFAULT_FOR_CHECKPOINTS);
        }
    }
}
