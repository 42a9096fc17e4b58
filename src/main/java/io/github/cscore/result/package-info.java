/**
 * The result vocabulary every reader shares: what one checkpoint measured ({@link
 * io.github.cscore.result.CheckpointResult}, per technique {@link io.github.cscore.result.TechniqueResult}
 * and per class {@link io.github.cscore.result.ClassMetrics}), why something was not scored
 * ({@link io.github.cscore.result.SkipReason}), the training {@link io.github.cscore.result.Phase},
 * the maps of the fixed example images ({@link io.github.cscore.result.ExampleMaps}), the identity
 * of a CAM {@link io.github.cscore.result.Technique}, and the alerts raised over a run ({@link
 * io.github.cscore.result.AlertEvent}, {@link io.github.cscore.result.Severity}).
 *
 * <p>Immutable values with no engine types: the monitor produces them, the alert engine, the
 * timeline, the exporter, the report, the study and the evaluator read them.
 */
package io.github.cscore.result;
