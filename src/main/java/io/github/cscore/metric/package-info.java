/**
 * The exported metrics, each defined once: {@link io.github.cscore.metric.MeterDefinition} holds a
 * meter's dotted Micrometer name, type, base unit, description and label keys, and derives the
 * name Prometheus sees through Micrometer's own naming convention; {@link
 * io.github.cscore.metric.CScoreMeters} lists the meters of docs/metrics.md. The exporter
 * registers them ({@code export}), and the Prometheus rules ({@code alert}) and the dashboard
 * tests query them by these definitions, so no metric name is spelled twice. A package of its own
 * because {@code export} depends on {@code alert}: the rules cannot read the names from there.
 */
package io.github.cscore.metric;
