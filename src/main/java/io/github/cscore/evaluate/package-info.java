/**
 * Sidecar evaluation. A <em>snapshot</em> is a model's parameters saved at the end of an epoch
 * ({@link io.github.cscore.evaluate.SnapshotSaver}), beside a manifest that says how to rebuild the
 * network and the monitor ({@link io.github.cscore.evaluate.SnapshotManifest}); a
 * <em>checkpoint</em> is a scoring event. The {@link io.github.cscore.evaluate.SidecarEvaluator}
 * scores snapshots afterwards or alongside training, on another machine, with the monitor's own
 * code: each scored snapshot becomes one checkpoint of its timeline. The {@link
 * io.github.cscore.evaluate.BackgroundEvaluator} does the same inside the training process, on a
 * worker thread, from copies of the parameters held in memory.
 */
package io.github.cscore.evaluate;
