package io.github.cscore.alert;

import io.github.cscore.result.AlertEvent;

import java.util.Objects;

/**
 * What one alert is about: its rule, and the technique and class it concerns (empty strings when
 * it concerns no single one). The same three labels identify it in {@code cscore_alert} and in
 * Prometheus.
 *
 * @param rule the rule name, e.g. {@code CScoreRelativeDrop}
 * @param technique a technique label, or empty
 * @param className a class name, or empty
 */
public record AlertKey(String rule, String technique, String className) {

    /**
     * Checks the components; null technique or class become empty strings.
     *
     * @param rule the rule name, not blank
     * @param technique a technique label, or empty
     * @param className a class name, or empty
     */
    public AlertKey {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule must be non-blank, but was '" + rule + "'");
        }
        technique = technique == null ? "" : technique;
        className = className == null ? "" : className;
    }

    /**
     * Returns the key of an event.
     *
     * @param event the event
     * @return its rule, technique and class
     */
    public static AlertKey of(AlertEvent event) {
        Objects.requireNonNull(event, "event");
        return new AlertKey(event.rule(), event.technique(), event.className());
    }
}
