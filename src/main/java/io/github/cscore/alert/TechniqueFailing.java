package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.VALUE;
import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.TechniqueResult;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@value #NAME}: at least {@code failingSkips} technique skips (error, timeout, open circuit
 * breaker), counted as {@link CheckpointResult#skips()} counts them, within the last {@code
 * failingWindow} checkpoints. Prometheus sees the skip counter, which has no technique label, so
 * the alert is about the run; its message names the techniques.
 */
public final class TechniqueFailing implements AlertRule, Detector {

    /** The rule name. */
    public static final String NAME = "CScoreTechniqueFailing";

    /** Skip reasons that mean a technique is failing (a degenerate model is a rule of its own). */
    static final List<SkipReason> FAILURES = List.of(SkipReason.ERROR, SkipReason.TIMEOUT, SkipReason.CIRCUIT_OPEN);

    private static final String SKIPS_IN_WINDOW = "cscore:technique_skips:window";

    private final Settings s;

    /**
     * Creates the rule.
     *
     * @param settings its thresholds
     */
    public TechniqueFailing(Settings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns the rule at its default settings.
     *
     * @return the rule
     */
    public static TechniqueFailing ofDefaults() {
        return new TechniqueFailing(Settings.ofDefaults());
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
        return s.failingWindow();
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Detector> detector() {
        return Optional.of(this);
    }

    /** {@inheritDoc} */
    @Override
    public List<Finding> evaluate(CheckpointHistory history) {
        List<CheckpointResult> window = history.last(s.failingWindow());
        int skips = window.stream().mapToInt(TechniqueFailing::failures).sum();
        if (skips < s.failingSkips()) {
            return List.of();
        }
        TreeSet<String> what = new TreeSet<>();
        for (CheckpointResult result : window) {
            for (TechniqueResult technique : result.techniques().values()) {
                if (!technique.isScored() && FAILURES.contains(technique.skipReason())) {
                    what.add(technique.technique().label() + " (" + technique.skipReason().label() + ")");
                }
            }
        }
        return List.of(new Finding("", "", skips, s.failingSkips(), skips + " technique skips in the last "
                + window.size() + " checkpoints: " + String.join(", ", what)));
    }

    /** The skips of one checkpoint that count as failures. */
    private static int failures(CheckpointResult result) {
        return (int) result.skips().stream().filter(FAILURES::contains).count();
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        String reasons = FAILURES.stream().map(SkipReason::label).collect(Collectors.joining("|"));
        String skips = CScoreMeters.CHECKPOINTS_SKIPPED.prometheusName() + "{reason=~\"" + reasons + "\"}";
        return List.of(new Recording(SKIPS_IN_WINDOW, context.lastCheckpoints(skips, s.failingWindow())));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return SKIPS_IN_WINDOW + " >= " + s.failingSkips();
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "CAM techniques keep failing in " + WHO;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "In " + WHO + " " + VALUE + " technique runs were skipped (error, timeout, open breaker) in the last "
                + s.failingWindow() + " checkpoints.";
    }

    /**
     * The thresholds of {@value #NAME}.
     *
     * @param failingSkips at least this many technique skips (error, timeout, circuit_open) ...
     * @param failingWindow ... within this many checkpoints fires
     */
    public record Settings(int failingSkips, int failingWindow) {

        /** Default failingSkips: two skips, so one timeout alone stays quiet. */
        public static final int DEFAULT_FAILING_SKIPS = 2;
        /** Default failingWindow: the last four checkpoints. */
        public static final int DEFAULT_FAILING_WINDOW = 4;

        /**
         * Checks the values.
         *
         * @param failingSkips at least 1
         * @param failingWindow at least 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Settings {
            Bounds.atLeast("failingSkips", failingSkips, 1);
            Bounds.atLeast("failingWindow", failingWindow, 1);
        }

        /**
         * Returns the defaults.
         *
         * @return {@value #DEFAULT_FAILING_SKIPS} skips within {@value #DEFAULT_FAILING_WINDOW} checkpoints
         */
        public static Settings ofDefaults() {
            return new Settings(DEFAULT_FAILING_SKIPS, DEFAULT_FAILING_WINDOW);
        }
    }
}
