package io.github.cscore.cam;

import java.util.Objects;

/**
 * How Score-CAM batches its masked forward passes and whether it preselects channels.
 *
 * @param batchSize masked inputs per forward pass; 0 lets Score-CAM choose it from the network
 *     ({@link #AUTOMATIC_BATCH_SIZE})
 * @param topK channels to mask, chosen by {@code selection}; 0 means every channel (the exact
 *     method)
 * @param selection how the top-K channels are chosen; unused when every channel is masked
 */
public record ScoreCamConfig(int batchSize, int topK, ChannelSelection selection) {

    /**
     * The batch size that lets Score-CAM choose, per network, how many masked inputs go into one
     * forward pass: as many as keep one batch's largest activation within a memory bound that the
     * engine serves from memory it already holds (docs/performance.md, "Score-CAM").
     */
    public static final int AUTOMATIC_BATCH_SIZE = 0;

    /** Default number of masked inputs per forward pass: chosen per network. */
    public static final int DEFAULT_BATCH_SIZE = AUTOMATIC_BATCH_SIZE;

    /** Default channel preselection: none, every channel is masked. */
    public static final int DEFAULT_TOP_K = 0;

    /**
     * Default channel preselection rule, when top-K is set: by gradient contribution, which kept
     * Score-CAM's maps closer to the exact ones than activation variance on a trained network
     * (docs/performance.md).
     */
    public static final ChannelSelection DEFAULT_SELECTION = ChannelSelection.GRADIENT_CONTRIBUTION;

    /**
     * Checks the values.
     *
     * @param batchSize masked inputs per forward pass; 0 to let Score-CAM choose
     * @param topK channels to mask, chosen by {@code selection}; 0 for every channel
     * @param selection how the top-K channels are chosen, not null
     * @throws IllegalArgumentException if the batch size or top-K is negative
     */
    public ScoreCamConfig {
        Objects.requireNonNull(selection, "selection");
        if (batchSize < 0) {
            throw new IllegalArgumentException(
                    "batchSize must be 0 (chosen per network) or positive, but was " + batchSize);
        }
        if (topK < 0) {
            throw new IllegalArgumentException(
                    "topK must be 0 (all channels) or positive, but was " + topK);
        }
    }

    /**
     * Creates a configuration choosing top-K channels by the default rule ({@link
     * #DEFAULT_SELECTION}).
     *
     * @param batchSize masked inputs per forward pass; 0 to let Score-CAM choose
     * @param topK channels to mask; 0 for every channel
     * @throws IllegalArgumentException if the batch size or top-K is negative
     */
    public ScoreCamConfig(int batchSize, int topK) {
        this(batchSize, topK, DEFAULT_SELECTION);
    }

    /**
     * Tells whether choosing the channels needs the gradients at the tap.
     *
     * @return true for a top-K preselection by gradient contribution
     */
    public boolean needsGradients() {
        return topK > 0 && selection == ChannelSelection.GRADIENT_CONTRIBUTION;
    }

    /**
     * Returns the defaults: batches chosen per network, every channel.
     *
     * @return the default configuration
     */
    public static ScoreCamConfig ofDefaults() {
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K, DEFAULT_SELECTION);
    }
}
