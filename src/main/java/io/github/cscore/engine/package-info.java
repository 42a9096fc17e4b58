/**
 * Trust in the engine's arithmetic. On some virtual machines with AMD EPYC CPUs the oneDNN library
 * bundled with PyTorch 2.7.1 computes batched convolutions (forward and input gradients) wrongly
 * and can kill the JVM with SIGFPE on a strided 1x1 convolution's backward pass (docs/engine.md).
 *
 * <p>{@link io.github.cscore.engine.EngineCheck} detects wrong results in the running process and
 * tells the caller to explain one image at a time; {@link io.github.cscore.engine.EngineRemedy}
 * caps oneDNN's instruction set, which must happen before the JVM starts, so it restarts a
 * command-line program with the cap where the fault's cause is present.
 */
package io.github.cscore.engine;
