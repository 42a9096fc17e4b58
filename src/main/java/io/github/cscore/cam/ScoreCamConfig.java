package io.github.cscore.cam;

/**
 * How Score-CAM batches its masked forward passes and whether it preselects channels.
 *
 * @param batchSize masked inputs per forward pass, at least 1
 * @param topK channels to mask, chosen by largest activation variance; 0 means every channel
 *     (the exact method)
 */
public record ScoreCamConfig(int batchSize, int topK) {

    /** Default number of masked inputs per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Default channel preselection: none, every channel is masked. */
    public static final int DEFAULT_TOP_K = 0;

    /**
     * Checks the values.
     *
     * @param batchSize masked inputs per forward pass, at least 1
     * @param topK channels to mask, by largest activation variance; 0 for every channel
     * @throws IllegalArgumentException if the batch size is below 1 or top-K is negative
     */
    public ScoreCamConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
        }
        if (topK < 0) {
            throw new IllegalArgumentException(
                    "topK must be 0 (all channels) or positive, but was " + topK);
        }
    }

    /**
     * Returns the defaults: batches of 32, every channel.
     *
     * @return the default configuration
     */
    public static ScoreCamConfig ofDefaults() {
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K);
    }
}
