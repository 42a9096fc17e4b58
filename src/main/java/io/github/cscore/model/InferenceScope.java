package io.github.cscore.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording turned off on the current thread until {@link #close()}, which restores it:
 * forward passes inside the scope build no autograd graph.
 *
 * <p>Parameters require gradients, so without this every forward pass records, for a backward pass
 * that never comes, the graph and the tensors it would need; they are freed only with the outputs.
 * PyTorch's grad mode is thread-local and on by default: DJL turns it off on the thread that loads
 * the PyTorch engine and a gradient collector turns it on while open, but any other thread (a
 * worker, a test runner's) records unless told not to. DJL 0.36 exposes the switch
 * ({@code JniUtils.setGradMode}) but not PyTorch's stronger {@code InferenceMode}. Engines other
 * than PyTorch are left as they are.
 */
final class InferenceScope implements AutoCloseable {

    private final boolean restore;

    private InferenceScope(boolean restore) {
        this.restore = restore;
    }

    /**
     * Turns gradient recording off on this thread if the engine is PyTorch's and it is on.
     *
     * @param engine the engine of the arrays to run
     * @return the scope, to close when the forward passes are done
     */
    static InferenceScope open(Engine engine) {
        if (!"PyTorch".equals(engine.getEngineName()) || !JniUtils.isGradMode()) {
            return new InferenceScope(false);
        }
        JniUtils.setGradMode(false);
        return new InferenceScope(true);
    }

    /** Turns gradient recording back on if this scope turned it off. */
    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
