package io.github.cscore.result;

/** Why a technique, or a whole checkpoint, was not scored. */
public enum SkipReason {
    /** The technique ran past its time budget for the checkpoint. */
    TIMEOUT("timeout"),
    /** The technique's circuit breaker is open after repeated failures. */
    CIRCUIT_OPEN("circuit_open"),
    /** The technique, or the checkpoint, failed with an exception. */
    ERROR("error"),
    /** The model produced NaN or infinite logits: nothing can be explained. */
    DEGENERATE("degenerate"),
    /**
     * The engine's self-check found its convolutions wrong even one image at a time, so no map it
     * computes can be trusted (docs/engine.md): every technique is skipped.
     */
    ENGINE_FAULT("engine_fault");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /**
     * Returns the lower-case label used in metrics and files.
     *
     * @return the label, e.g. {@code circuit_open}
     */
    public String label() {
        return label;
    }
}
