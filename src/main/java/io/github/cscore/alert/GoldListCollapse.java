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
 * {@value #NAME}: a class's gold list below {@code goldMinimum} (its C-Score undefined) while the
 * macro AUC is at least {@code goldAuc}: the model ranks well but is no longer confidently right,
 * the paper's threshold-mediated collapse. A low AUC with small gold lists is an untrained model,
 * not a collapse, and stays quiet; so, by default, does transfer learning, where a fresh head on
 * good frozen features ranks well long before it is confident (the study's only false alarms of
 * this rule came at its second checkpoint: docs/experiments.md). {@link ClassLeft} still watches
 * a class that leaves its gold list there.
 */
public final class GoldListCollapse implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreGoldListCollapse";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public GoldListCollapse(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static GoldListCollapse ofDefaults() {
        return new GoldListCollapse(Settings.ofDefaults());
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
        return s.goldFor();
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
        if (!(latest.macroAuc() >= s.goldAuc()) || !s.watchTransfer() && latest.phase() == Phase.TRANSFER) {
            return findings;
        }
        for (ClassMetrics cls : latest.classes()) {
            if (cls.goldSize() < s.goldMinimum()) {
                findings.add(new Finding("", cls.name(), cls.goldSize(), s.goldMinimum(), "gold list of class "
                        + cls.name() + " holds " + cls.goldSize() + " of " + cls.sampleSize()
                        + " images (fewer than " + s.goldMinimum() + ") while the macro AUC is "
                        + Detectors.f(latest.macroAuc())));
            }
        }
        return findings;
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        return List.of(SharedRecordings.aucMacro());
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String small = CScoreMeters.GOLD_LIST_SIZE.prometheusName() + " < " + s.goldMinimum() + " and ignoring(class) "
                + SharedRecordings.aucMacro().name() + " >= " + s.goldAuc();
        return s.watchTransfer() ? small : small + "\nunless on(job, instance, run, model) "
                + CScoreMeters.PHASE.prometheusName() + "{phase=\"transfer\"} == 1";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Gold list of class {{ $labels.class }} collapsed at high AUC";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " only " + VALUE + " sample images of class {{ $labels.class }} are classified right "
                + "with confidence (fewer than " + s.goldMinimum() + ") while the macro AUC is at least " + s.goldAuc()
                + ": its C-Score is undefined.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param goldMinimum a gold list smaller than this ...
     * @param goldAuc ... while the macro AUC is at least this fires
     * @param goldFor checkpoints in a row
     * @param watchTransfer whether to watch transfer-learning checkpoints too
     */
    public record Settings(int goldMinimum, double goldAuc, int goldFor, boolean watchTransfer) {

        /** Default goldMinimum: the C-Score's own minimum gold size. */
        public static final int DEFAULT_GOLD_MINIMUM = 5;
        /** Default goldAuc: macro AUC at or above which a small gold list is a collapse, not an untrained model. */
        public static final double DEFAULT_GOLD_AUC = 0.9;
        /**
         * Default goldFor: two checkpoints; the demo's healthy run has empty gold lists at a macro AUC
         * of 0.93 for one checkpoint at the start of fine-tuning (docs/alerts.md).
         */
        public static final int DEFAULT_GOLD_FOR = 2;
        /**
         * Default watchTransfer: false. In the study's healthy runs a class's gold list was under
         * five at the second transfer-learning checkpoint (step 20) in 2 of 20 runs, a warning that
         * nothing followed; it fired there in the degrading runs of those two seeds too, before any
         * onset, and never in transfer learning otherwise (docs/experiments.md).
         */
        public static final boolean DEFAULT_WATCH_TRANSFER = false;

        /**
         * Checks the values.
         *
         * @param goldMinimum at least 1
         * @param goldAuc in [0, 1]
         * @param goldFor at least 1
         * @param watchTransfer whether transfer-learning checkpoints are watched too
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.atLeast("goldMinimum", goldMinimum, 1);
            Bounds.closed("goldAuc", goldAuc, 0, 1);
            Bounds.atLeast("goldFor", goldFor, 1);
        }

        /**
         * Settings watching every checkpoint, transfer learning included.
         *
         * @param goldMinimum at least 1
         * @param goldAuc in [0, 1]
         * @param goldFor at least 1
         */
        public Settings(int goldMinimum, double goldAuc, int goldFor) {
            this(goldMinimum, goldAuc, goldFor, true);
        }

        /**
         * Returns the defaults.
         *
         * @return fewer than {@value #DEFAULT_GOLD_MINIMUM} at a macro AUC of {@value #DEFAULT_GOLD_AUC}, for
         *     {@value #DEFAULT_GOLD_FOR} checkpoints, fine-tuning only
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_GOLD_MINIMUM, DEFAULT_GOLD_AUC, DEFAULT_GOLD_FOR, DEFAULT_WATCH_TRANSFER);
        }
    }
}
