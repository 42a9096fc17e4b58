/**
 * Early warning: detectors over the sequence of checkpoint results that fire and resolve {@link
 * io.github.cscore.result.AlertEvent}s, with the same semantics as the Prometheus rules in {@code
 * alert-rules/}.
 */
package io.github.cscore.alert;
