package io.github.cscore.result;

/** Why a technique, or a whole checkpoint, was not scored. */
public enum SkipReason {
    /**
     * The technique ran past its deadline at the checkpoint ({@code
     * CScoreMonitorBuilder.optTechniqueTimeout}): over budget, its partial work thrown away.
     */
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
    ENGINE_FAULT("engine_fault"),
    /**
     * The monitor's time budget ({@code CScoreMonitorBuilder.optMonitorShare}) left the technique
     * out of this checkpoint: it runs exact at a sparser schedule. No data, by design: not a
     * failure, and not a change of the score. Readers that hold values over time (the exported
     * gauges, the alert detectors) carry the technique's last scored result over such a checkpoint.
     */
    SCHEDULED_OUT("scheduled_out");

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
