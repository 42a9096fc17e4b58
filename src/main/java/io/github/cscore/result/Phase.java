package io.github.cscore.result;

/** The training phase at a checkpoint. */
public enum Phase {
    /** Transfer learning: the backbone is frozen and only the head trains. */
    TRANSFER("transfer"),
    /** Fine-tuning: the backbone trains too. */
    FINETUNE("finetune");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /**
     * Returns the lower-case label used in metrics and files.
     *
     * @return {@code transfer} or {@code finetune}
     */
    public String label() {
        return label;
    }
}
