/**
 * Prometheus export of checkpoint results: {@link io.github.cscore.export.CScoreMeterBinder}
 * turns each result into Micrometer meters (defined in {@link
 * io.github.cscore.metric.CScoreMeters}), and {@link io.github.cscore.export.CScoreExporter}
 * serves them on {@code /metrics} and, if asked, pushes them to a Pushgateway. The monitor knows
 * nothing of this: everything hangs on its sinks, and what the exporter reads of the monitor
 * (counts, training state, breakers) comes through the read-only {@link
 * io.github.cscore.control.MonitorView}.
 */
package io.github.cscore.export;
