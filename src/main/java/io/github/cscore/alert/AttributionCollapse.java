package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.CELL;
import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: at least {@code flatShare} of a class's gold-list maps are flat (no spatial
 * evidence at all), over a gold list of at least {@code goldMinimum}, the paper's
 * technique-specific attribution collapse.
 */
public final class AttributionCollapse implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreAttributionCollapse";

    private static final String FLAT_SHARE = "cscore:flat_share";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public AttributionCollapse(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static AttributionCollapse ofDefaults() {
        return new AttributionCollapse(Settings.ofDefaults());
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
        return s.flatFor();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        return Detectors.cells(history.latest(), (technique, cls, result) -> {
            int gold = cls.goldSize();
            double share = gold == 0 ? Double.NaN : (double) result.flatMaps(cls.index()) / gold;
            return gold >= s.goldMinimum() && share >= s.flatShare()
                    ? new Finding(technique.label(), cls.name(), share, s.flatShare(), technique.displayName()
                            + " maps of class " + cls.name() + " are flat for " + result.flatMaps(cls.index())
                            + " of " + gold + " gold images (" + Detectors.f(share) + ")")
                    : null;
        });
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        return List.of(new Recording(FLAT_SHARE, CScoreMeters.FLAT_MAPS.prometheusName()
                + " / ignoring(technique) group_left() " + CScoreMeters.GOLD_LIST_SIZE.prometheusName()));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return FLAT_SHARE + " >= " + s.flatShare() + " and ignoring(technique) "
                + CScoreMeters.GOLD_LIST_SIZE.prometheusName() + " >= " + s.goldMinimum();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Flat explanation maps for " + CELL;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " a share of " + VALUE + " of the gold-list maps of " + CELL
                + " are flat (no evidence at all).";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param flatShare a share of flat maps at least this ...
     * @param goldMinimum ... over a gold list of at least this fires (smaller ones are {@link
     *     GoldListCollapse}'s)
     * @param flatFor checkpoints in a row
     */
    public record Settings(double flatShare, int goldMinimum, int flatFor) {

        /** Default flatShare: half of the gold list. */
        public static final double DEFAULT_FLAT_SHARE = 0.5;
        /** Default goldMinimum: the C-Score's minimum gold size, as {@link GoldListCollapse}'s. */
        public static final int DEFAULT_GOLD_MINIMUM = GoldListCollapse.Settings.DEFAULT_GOLD_MINIMUM;
        /** Default flatFor: two checkpoints in a row. */
        public static final int DEFAULT_FLAT_FOR = 2;

        /**
         * Checks the values.
         *
         * @param flatShare in (0, 1]
         * @param goldMinimum at least 1
         * @param flatFor at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            if (!(flatShare > 0 && flatShare <= 1)) {
                throw new IllegalArgumentException("flatShare must be in (0, 1], but was " + flatShare);
            }
            Bounds.atLeast("goldMinimum", goldMinimum, 1);
            Bounds.atLeast("flatFor", flatFor, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return a share of {@value #DEFAULT_FLAT_SHARE} over at least {@value #DEFAULT_GOLD_MINIMUM} gold
         *     images, for {@value #DEFAULT_FLAT_FOR} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_FLAT_SHARE, DEFAULT_GOLD_MINIMUM, DEFAULT_FLAT_FOR);
        }
    }
}
