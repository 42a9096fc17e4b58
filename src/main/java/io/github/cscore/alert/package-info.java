/**
 * Early warning: {@link io.github.cscore.alert.AlertRule}s, each one file holding a rule's name,
 * severity, persistence, thresholds ({@code Settings}), in-process {@link
 * io.github.cscore.alert.Detector}, PromQL and texts; {@link io.github.cscore.alert.AlertEngine},
 * which runs the detectors over the sequence of checkpoint results and fires and resolves {@link
 * io.github.cscore.result.AlertEvent}s; and {@link io.github.cscore.alert.PrometheusRules}, which
 * renders {@code alert-rules/cscore.rules.yml} from the same rules, so both places mean the same.
 * Alert actions reach training only through {@link io.github.cscore.control.TrainingControl}.
 */
package io.github.cscore.alert;
