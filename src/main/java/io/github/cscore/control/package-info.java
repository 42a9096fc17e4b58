/**
 * The ports between the monitor and the components around it: {@link
 * io.github.cscore.control.TrainingControl}, what an alert action may ask of training (stop,
 * snapshot, checkpoint), and {@link io.github.cscore.control.MonitorView}, what an exporter or an
 * evaluator may read of a monitor (names, techniques, classes, counts, circuit breakers). {@code
 * io.github.cscore.monitor.CScoreMonitor} implements both; {@code alert}, {@code export} and the
 * evaluator depend on these interfaces, not on the monitor, so a test can hand them a fake and the
 * monitor can change without them.
 */
package io.github.cscore.control;
