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
 * {@value #NAME}: the explanations of a class moved away from where they were at the best
 * checkpoint, the one of best sample AUC so far, in at least {@code minTechniques} techniques by at
 * least {@code threshold} (mean {@code 1 - soft IoU} of each sample image's map now and then).
 *
 * <p>Where {@link ExplanationDrift} sees maps that jump from one checkpoint to the next, this rule
 * sees maps that walk away a step at a time: in the study a model learning noise, a growing rate or
 * a shortcut the labels follow moved its maps past 0.5 of the best checkpoint's before its
 * held-out AUC dropped, while healthy fine-tuning stayed under 0.45 (docs/experiments.md). The
 * sample AUC need not fall for it to fire: a model that turns to a marker its sample images carry
 * keeps that AUC and still moves its maps. It needs no gold list.
 */
public final class DriftFromBest implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreDriftFromBest";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public DriftFromBest(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static DriftFromBest ofDefaults() {
        return new DriftFromBest(Settings.ofDefaults());
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
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.drifting(history.latest(), ExplanationSignals::driftFromReference, s.threshold(),
                s.minTechniques(), "from the best checkpoint's");
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return Detectors.driftingExpression(CScoreMeters.BEST, s.threshold(), s.minTechniques());
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Explanations of class {{ $labels.class }} moved away from the best checkpoint's";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the CAM maps of class {{ $labels.class }} moved by at least " + s.threshold()
                + " (mean 1 - soft IoU per image) from their maps at the checkpoint of best sample AUC, in " + COUNT
                + " techniques (" + s.minTechniques() + " or more fire): the model now looks elsewhere than when it "
                + "ranked best, even if its sample AUC has not moved.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param threshold a drift from the best checkpoint at least this ...
     * @param minTechniques ... in at least this many techniques fires
     */
    public record Settings(double threshold, int minTechniques) {

        /**
         * Default threshold: a mean 1 - soft IoU of 0.55 from the best checkpoint's maps, chosen on
         * the study's calibration runs, 0.1 above the 0.45 at which healthy runs alarmed there
         * (docs/experiments.md).
         */
        public static final double DEFAULT_THRESHOLD = 0.55;
        /** Default minTechniques: two techniques must agree, as for {@link ExplanationDrift}. */
        public static final int DEFAULT_MIN_TECHNIQUES = 2;

        /**
         * Checks the values.
         *
         * @param threshold in (0, 1)
         * @param minTechniques at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("threshold", threshold);
            Bounds.atLeast("minTechniques", minTechniques, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return a drift of {@value #DEFAULT_THRESHOLD} in {@value #DEFAULT_MIN_TECHNIQUES} techniques
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_THRESHOLD, DEFAULT_MIN_TECHNIQUES);
        }
    }
}
