package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One early-warning rule, whole: its name, severity and persistence; its in-process {@link
 * Detector}, unless only Prometheus can see the condition; its Prometheus alert (the expression
 * and the recording rules it reads); and the summary and description the person on call reads.
 * {@link AlertEngine} runs the detectors of its rules and {@link PrometheusRules} renders the rule
 * file from the same rules, so both places fire the same alerts at the same checkpoints.
 *
 * <p>A built-in rule is one file: a final class implementing this interface (and {@link Detector}
 * when the engine evaluates it), with a nested {@code Settings} record holding its thresholds,
 * their defaults and their checks; {@link BuiltInRules} lists them. A rule of one's own is written
 * the same way and handed to {@link AlertEngineBuilder#optRule}.
 */
public interface AlertRule {

    /**
     * Returns the rule name: the Prometheus alert name, the {@code rule} of its events and of
     * {@code cscore_alert}, and its section in {@code docs/alerts.md}.
     *
     * @return e.g. {@code CScoreRelativeDrop}
     */
    String rule();

    /**
     * Returns the severity of the alerts of this rule.
     *
     * @return the severity
     */
    Severity severity();

    /**
     * Returns how many consecutive checkpoints the condition must hold before the alert fires;
     * the Prometheus rule's {@code for:} is one checkpoint period less.
     *
     * @return at least 1
     */
    int forCheckpoints();

    /**
     * Returns how many checkpoints, the latest included, the detector looks back over; the engine
     * keeps at least that many.
     *
     * @return at least 1; 1 unless overridden
     */
    default int window() {
        return 1;
    }

    /**
     * Returns the in-process detector of this rule.
     *
     * @return the detector, or empty for a rule only Prometheus can evaluate (the exporter is
     *     gone, no checkpoint arrives)
     */
    Optional<Detector> detector();

    /**
     * Returns the recording rules the expression reads, in the order Prometheus must evaluate
     * them. Rules may share one: the rule file holds each name once, and two rules giving one name
     * different expressions is an error.
     *
     * @param context the checkpoint period and scrape job the file is rendered for
     * @return the recording rules; none unless overridden
     */
    default List<Recording> recordings(PrometheusContext context) {
        return List.of();
    }

    /**
     * Returns the PromQL expression of the Prometheus alert: one series per condition that holds,
     * labelled as the detector's findings are (technique, class), valued as their value. Lines
     * after the first are indented by the renderer.
     *
     * @param context the checkpoint period and scrape job the file is rendered for
     * @return the expression
     */
    String expression(PrometheusContext context);

    /**
     * Returns the one-line summary annotation, a Prometheus template ({@link AlertTemplates}).
     *
     * @return the summary
     */
    String summary();

    /**
     * Returns the description annotation, a Prometheus template: what happened, in numbers.
     *
     * @return the description
     */
    String description();

    /**
     * A Prometheus recording rule.
     *
     * @param name the recorded series, {@code level:metric:operations}
     * @param expression its PromQL expression
     */
    record Recording(String name, String expression) {

        /**
         * Checks the components.
         *
         * @param name the recorded series, not blank
         * @param expression its PromQL expression, not null
         */
        public Recording {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a recording rule needs a name, but was '" + name + "'");
            }
            Objects.requireNonNull(expression, "expression");
        }
    }
}
