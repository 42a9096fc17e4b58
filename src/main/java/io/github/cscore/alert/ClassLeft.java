package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.COUNT;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a class left its gold list: fewer than {@code goldMinimum} of its sample images
 * are now classified right with confidence, after at least that many at one of the last {@code
 * window} checkpoints before. Its C-Score turns undefined, which the score rules skip; this rule
 * counts it, whatever the AUC.
 */
public final class ClassLeft implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreClassLeft";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public ClassLeft(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static ClassLeft ofDefaults() {
        return new ClassLeft(Settings.ofDefaults());
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
        return s.window();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(s.window());
        List<Finding> findings = new ArrayList<>();
        for (ClassMetrics cls : history.latest().classes()) {
            if (cls.goldSize() < s.goldMinimum() && wasDefined(window, cls.index())) {
                findings.add(new Finding("", cls.name(), cls.goldSize(), s.goldMinimum(), "class " + cls.name()
                        + " left its gold list: " + cls.goldSize() + " of " + cls.sampleSize() + " images now, "
                        + s.goldMinimum() + " or more within the last " + window.size() + " checkpoints"));
            }
        }
        return findings;
    }

    private boolean wasDefined(List<CheckpointResult> window, int classIndex) {
        for (int i = 0; i < window.size() - 1; i++) {
            List<ClassMetrics> classes = window.get(i).classes();
            if (classIndex < classes.size() && classes.get(classIndex).goldSize() >= s.goldMinimum()) {
                return true;
            }
        }
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String gold = CScoreMeters.GOLD_LIST_SIZE.prometheusName();
        return gold + " < " + s.goldMinimum() + " and max_over_time(" + gold + "[" + context.window(s.window()) + "]) >= "
                + s.goldMinimum();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Class {{ $labels.class }} left its gold list";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " only " + COUNT + " sample images of class {{ $labels.class }} are classified right with "
                + "confidence (fewer than " + s.goldMinimum() + "), after at least " + s.goldMinimum()
                + " within the last " + s.window() + " checkpoints: the class left its gold list, and its C-Score is "
                + "undefined, whatever the AUC.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param goldMinimum a gold list below this, after at least this ...
     * @param window ... within this many checkpoints, the latest included, fires
     */
    public record Settings(int goldMinimum, int window) {

        /** Default goldMinimum: the C-Score's own minimum gold size. */
        public static final int DEFAULT_GOLD_MINIMUM = 5;
        /**
         * Default window: the previous checkpoint, so the alert speaks once, when the class leaves; chosen
         * on the study's calibration runs (docs/experiments.md).
         */
        public static final int DEFAULT_WINDOW = 2;

        /**
         * Checks the values.
         *
         * @param goldMinimum at least 1
         * @param window at least 2
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.atLeast("goldMinimum", goldMinimum, 1);
            Bounds.atLeast("window", window, 2);
        }

        /**
         * Returns the defaults.
         *
         * @return below {@value #DEFAULT_GOLD_MINIMUM} after at least that within {@value #DEFAULT_WINDOW}
         *     checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_GOLD_MINIMUM, DEFAULT_WINDOW);
        }
    }
}
