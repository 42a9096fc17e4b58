/**
 * Sidecar evaluation: checkpoints saved during training, with a manifest that says how to rebuild
 * the network and the monitor ({@link io.github.cscore.evaluate.CheckpointManifest}, written by
 * {@link io.github.cscore.evaluate.CheckpointSaver}), scored afterwards or alongside, on another
 * machine, by the monitor's own code ({@link io.github.cscore.evaluate.SidecarEvaluator}).
 */
package io.github.cscore.evaluate;
