/**
 * The training monitor: a DJL {@code TrainingListener} that scores explanation consistency at
 * every checkpoint and hands immutable results to its sinks.
 */
package io.github.cscore.monitor;
