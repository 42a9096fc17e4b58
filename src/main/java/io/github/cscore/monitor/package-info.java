/**
 * The training monitor: a DJL {@code TrainingListener} that scores explanation consistency at
 * every checkpoint and hands immutable results ({@code io.github.cscore.result}) to its sinks. It
 * is only the producer: the components around it see it through the ports of {@code
 * io.github.cscore.control} ({@code TrainingControl} for alert actions, the read-only {@code
 * MonitorView} for exporters and evaluators), which {@link io.github.cscore.monitor.CScoreMonitor}
 * implements.
 */
package io.github.cscore.monitor;
