package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a technique's macro C-Score at or below {@code (1 - dissociationDrop)} times its
 * maximum over the last {@code dissociationWindow} checkpoints, while the macro AUC is at least its
 * own maximum over that window minus {@code aucTolerance}: the explanations fall apart while the
 * AUC says all is well, the paper's early warning.
 */
public final class AucDissociation implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreAucDissociation";

    private static final String CONSISTENCY_MACRO_MAX = "cscore:consistency_macro:recent_max";
    private static final String AUC_MACRO_MAX = "cscore:auc_macro:recent_max";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public AucDissociation(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static AucDissociation ofDefaults() {
        return new AucDissociation(Settings.ofDefaults());
    }

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @return critical: a run whose explanations fall apart while its AUC says all is well is
     *     worth stopping or rolling back now
     */
    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    /**
     * {@inheritDoc}
     *
     * @return 2: it pages, and one checkpoint of a small sample is no reason to wake anyone
     */
    @Override
    public int forCheckpoints() {
        return 2;
    }

    /** {@inheritDoc} */
    @Override
    public int window() {
        return s.dissociationWindow();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(s.dissociationWindow());
        CheckpointResult latest = history.latest();
        double aucMax = Detectors.maxDefined(window.stream().mapToDouble(CheckpointResult::macroAuc).toArray());
        List<Finding> findings = new ArrayList<>();
        if (!(latest.macroAuc() >= aucMax - s.aucTolerance())) {
            return findings;
        }
        double keep = 1 - s.dissociationDrop();
        for (TechniqueResult technique : latest.techniques().values()) {
            double macro = technique.global().macro();
            double max = Detectors.maxDefined(macros(window, technique.technique()));
            if (macro <= keep * max) {
                findings.add(new Finding(technique.technique().label(), "", macro, keep * max,
                        technique.technique().displayName() + " macro C-Score fell to " + Detectors.f(macro) + " from "
                                + Detectors.f(max) + " while the macro AUC holds at " + Detectors.f(latest.macroAuc())));
            }
        }
        return findings;
    }

    private static double[] macros(List<CheckpointResult> window, Technique technique) {
        return window.stream()
                .mapToDouble(r -> r.techniques().containsKey(technique)
                        ? r.techniques().get(technique).global().macro() : Double.NaN)
                .toArray();
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        String range = "[" + context.window(s.dissociationWindow()) + "]";
        return List.of(SharedRecordings.consistencyMacro(),
                new Recording(CONSISTENCY_MACRO_MAX, "max without(aggregation) (max_over_time("
                        + CScoreMeters.CONSISTENCY_GLOBAL.prometheusName() + "{aggregation=\"macro\"}" + range + "))"),
                SharedRecordings.aucMacro(),
                new Recording(AUC_MACRO_MAX, "max without(class) (max_over_time("
                        + CScoreMeters.VALIDATION_AUC.prometheusName() + "{class=\"macro\"}" + range + "))"));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return SharedRecordings.consistencyMacro().name() + " <= " + (1 - s.dissociationDrop()) + " * "
                + CONSISTENCY_MACRO_MAX + "\nand ignoring(technique) (" + SharedRecordings.aucMacro().name() + " >= "
                + AUC_MACRO_MAX + " - " + s.aucTolerance() + ")";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "{{ $labels.technique }} explanations collapse while AUC holds";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the macro C-Score of {{ $labels.technique }} fell to " + VALUE + " (a drop of at least "
                + s.dissociationDrop() + " of its recent maximum) while the macro AUC stays within " + s.aucTolerance()
                + " of its own: an early warning of collapse.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param dissociationDrop a fall of a technique's macro C-Score by at least this fraction of its
     *     maximum over the window ...
     * @param aucTolerance ... while the macro AUC is at least its maximum over the window minus this
     *     fires
     * @param dissociationWindow checkpoints both maxima are taken over
     */
    public record Settings(double dissociationDrop, double aucTolerance, int dissociationWindow) {

        /** Default dissociationDrop: the macro C-Score lost 40 % of its recent maximum. */
        public static final double DEFAULT_DISSOCIATION_DROP = 0.4;
        /** Default aucTolerance: how far below its recent maximum the macro AUC still counts as steady. */
        public static final double DEFAULT_AUC_TOLERANCE = 0.02;
        /** Default dissociationWindow: both maxima over the last five checkpoints. */
        public static final int DEFAULT_DISSOCIATION_WINDOW = 5;

        /**
         * Checks the values.
         *
         * @param dissociationDrop in (0, 1)
         * @param aucTolerance in [0, 1)
         * @param dissociationWindow at least 2
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.openUnit("dissociationDrop", dissociationDrop);
            if (!(aucTolerance >= 0 && aucTolerance < 1)) {
                throw new IllegalArgumentException("aucTolerance must be in [0, 1), but was " + aucTolerance);
            }
            Bounds.atLeast("dissociationWindow", dissociationWindow, 2);
        }

        /**
         * Returns the defaults.
         *
         * @return a drop of {@value #DEFAULT_DISSOCIATION_DROP} while the AUC holds within {@value
         *     #DEFAULT_AUC_TOLERANCE}, over {@value #DEFAULT_DISSOCIATION_WINDOW} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_DISSOCIATION_DROP, DEFAULT_AUC_TOLERANCE, DEFAULT_DISSOCIATION_WINDOW);
        }
    }
}
