package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.GlobalScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a technique's macro C-Score at least {@code maskedMacro} while its worst class is
 * below {@code maskedWorst}, the paper's class-level collapse hidden by global aggregation. The
 * alert names the worst class.
 */
public final class ClassMasked implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreClassMasked";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public ClassMasked(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static ClassMasked ofDefaults() {
        return new ClassMasked(Settings.ofDefaults());
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
        return s.maskedFor();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        CheckpointResult latest = history.latest();
        List<Finding> findings = new ArrayList<>();
        for (TechniqueResult technique : latest.techniques().values()) {
            GlobalScore global = technique.global();
            if (technique.isScored() && global.macro() >= s.maskedMacro() && global.worst() < s.maskedWorst()) {
                String worst = latest.classes().get(global.worstClass()).name();
                findings.add(new Finding(technique.technique().label(), worst, global.worst(), s.maskedWorst(),
                        technique.technique().displayName() + " macro C-Score " + Detectors.f(global.macro())
                                + " hides class " + worst + " at " + Detectors.f(global.worst())));
            }
        }
        return findings;
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        return List.of(SharedRecordings.consistencyMacro());
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        // The class whose score equals its technique's worst: Prometheus has no argmin.
        return CScoreMeters.CONSISTENCY.prometheusName() + " == ignoring(class, aggregation) group_left() ("
                + CScoreMeters.CONSISTENCY_GLOBAL.prometheusName() + "{aggregation=\"worst\"} < " + s.maskedWorst()
                + ")\nand ignoring(class) " + SharedRecordings.consistencyMacro().name() + " >= " + s.maskedMacro();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Class {{ $labels.class }} hidden by a good global C-Score ({{ $labels.technique }})";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " the macro C-Score of {{ $labels.technique }} is at least " + s.maskedMacro()
                + " while class {{ $labels.class }} is at " + VALUE + ".";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param maskedMacro a macro C-Score at least this ...
     * @param maskedWorst ... while the worst class is below this fires
     * @param maskedFor checkpoints in a row
     */
    public record Settings(double maskedMacro, double maskedWorst, int maskedFor) {

        /** Default maskedMacro: a macro C-Score that looks fine. */
        public static final double DEFAULT_MASKED_MACRO = 0.5;
        /** Default maskedWorst: a worst class this low is masked by the macro. */
        public static final double DEFAULT_MASKED_WORST = 0.2;
        /** Default maskedFor: two checkpoints in a row. */
        public static final int DEFAULT_MASKED_FOR = 2;

        /**
         * Checks the values.
         *
         * @param maskedMacro in [0, 1]
         * @param maskedWorst in [0, maskedMacro]
         * @param maskedFor at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.closed("maskedMacro", maskedMacro, 0, 1);
            Bounds.closed("maskedWorst", maskedWorst, 0, maskedMacro);
            Bounds.atLeast("maskedFor", maskedFor, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return a macro of at least {@value #DEFAULT_MASKED_MACRO} with a class below {@value
         *     #DEFAULT_MASKED_WORST}, for {@value #DEFAULT_MASKED_FOR} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_MASKED_MACRO, DEFAULT_MASKED_WORST, DEFAULT_MASKED_FOR);
        }
    }
}
