/**
 * The record of a run: a JSON Lines file of checkpoint results and alert events that survives the
 * process, written safely by {@link io.github.cscore.timeline.TimelineWriter} and read strictly by
 * {@link io.github.cscore.timeline.Timeline}. Reports, the evaluator and the alert tests read it.
 */
package io.github.cscore.timeline;
