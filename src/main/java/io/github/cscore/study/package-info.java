/**
 * The early-warning study: reads the timelines of study runs and measures whether the alerts (or a
 * drop of the C-Score) come before the AUC drops: lead times, misses, false alarms, and the tables
 * of {@code docs/experiments.md}. Pure: no engine, no training; the runs themselves are made by
 * {@code cscore study}.
 */
package io.github.cscore.study;
