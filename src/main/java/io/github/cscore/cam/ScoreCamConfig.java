package io.github.cscore.cam;

import java.util.Objects;

/**
 * How Score-CAM batches its masked forward passes, and which approximation, if any, it makes.
 *
 * <p>The default ({@link #ofDefaults()}) is the exact method. Three approximations trade
 * fidelity for fewer or cheaper masked forward passes, each a named option that is never on by
 * default; their distance from the exact maps on trained networks is in {@code
 * docs/performance.md}:
 *
 * <ul>
 *   <li>{@link #topK}: mask only K channels, chosen by a {@link ChannelSelection} rule;
 *   <li>{@link #channelGroups}: mask G groups of channels ({@link ChannelGrouping}), every member
 *       taking its group's score;
 *   <li>{@link #lowerResolution}: run the masked forward passes on the image and masks resized to
 *       a smaller input (networks with a global pooling head accept any input size).
 * </ul>
 *
 * They compose, in that order (the groups are made of the K chosen channels).
 *
 * @param batchSize masked inputs per forward pass; 0 lets Score-CAM choose it from the network
 *     ({@link #AUTOMATIC_BATCH_SIZE})
 * @param topK channels to mask, chosen by {@code selection}; 0 means every channel
 * @param selection how the top-K channels are chosen; unused when every channel is masked
 * @param groups groups of channels masked together; 0 means every channel on its own
 * @param grouping how channels are put into groups; unused without groups
 * @param maskedInputSize the longer side, in pixels, of the masked inputs; 0 means the model's
 *     input size
 */
public record ScoreCamConfig(
        int batchSize, int topK, ChannelSelection selection, int groups, ChannelGrouping grouping, int maskedInputSize) {

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

    /** Default channel groups: none, every channel is masked on its own. */
    public static final int DEFAULT_GROUPS = 0;

    /** Default grouping rule, when groups are set: k-means over the channels' maps. */
    public static final ChannelGrouping DEFAULT_GROUPING = ChannelGrouping.CLUSTERED;

    /** Default masked input size: 0, the model's input size. */
    public static final int DEFAULT_MASKED_INPUT_SIZE = 0;

    /**
     * Checks the values.
     *
     * @param batchSize masked inputs per forward pass; 0 to let Score-CAM choose
     * @param topK channels to mask, chosen by {@code selection}; 0 for every channel
     * @param selection how the top-K channels are chosen, not null
     * @param groups groups of channels masked together; 0 for none
     * @param grouping how channels are put into groups, not null
     * @param maskedInputSize the longer side of the masked inputs; 0 for the model's input size
     * @throws IllegalArgumentException if a count or size is negative
     */
    public ScoreCamConfig {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(grouping, "grouping");
        if (batchSize < 0) {
            throw new IllegalArgumentException(
                    "batchSize must be 0 (chosen per network) or positive, but was " + batchSize);
        }
        if (topK < 0) {
            throw new IllegalArgumentException(
                    "topK must be 0 (all channels) or positive, but was " + topK);
        }
        if (groups < 0) {
            throw new IllegalArgumentException(
                    "groups must be 0 (every channel on its own) or positive, but was " + groups);
        }
        if (maskedInputSize < 0) {
            throw new IllegalArgumentException(
                    "maskedInputSize must be 0 (the model's input size) or positive, but was " + maskedInputSize);
        }
    }

    /**
     * Creates a configuration that masks every channel on its own at the model's input size,
     * with a top-K preselection if {@code topK} is positive.
     *
     * @param batchSize masked inputs per forward pass; 0 to let Score-CAM choose
     * @param topK channels to mask, chosen by {@code selection}; 0 for every channel
     * @param selection how the top-K channels are chosen, not null
     * @throws IllegalArgumentException if the batch size or top-K is negative
     */
    public ScoreCamConfig(int batchSize, int topK, ChannelSelection selection) {
        this(batchSize, topK, selection, DEFAULT_GROUPS, DEFAULT_GROUPING, DEFAULT_MASKED_INPUT_SIZE);
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
     * Returns the defaults: the exact method, in batches chosen per network.
     *
     * @return the default configuration
     */
    public static ScoreCamConfig ofDefaults() {
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K, DEFAULT_SELECTION);
    }

    /**
     * The top-K approximation: only the K channels chosen by {@code selection} are masked; the
     * softmax and the sum run over them.
     *
     * @param k channels to mask, at least 1
     * @param selection how they are chosen, not null
     * @return the configuration, in batches chosen per network
     * @throws IllegalArgumentException if {@code k} is below 1
     */
    public static ScoreCamConfig topK(int k, ChannelSelection selection) {
        requirePositive("k", k);
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, k, selection);
    }

    /**
     * The channel-group approximation (after Group-CAM): the channels are put into {@code groups}
     * groups by {@code grouping}; each group is masked once, by the min-maxed upsampling of the
     * mean of its members' min-max-normalised maps, and every member takes that score. The cost
     * is G masked forward passes instead of C.
     *
     * @param groups the number of groups, at least 1
     * @param grouping how channels are grouped, not null
     * @return the configuration, in batches chosen per network
     * @throws IllegalArgumentException if {@code groups} is below 1
     */
    public static ScoreCamConfig channelGroups(int groups, ChannelGrouping grouping) {
        requirePositive("groups", groups);
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K, DEFAULT_SELECTION, groups, grouping,
                DEFAULT_MASKED_INPUT_SIZE);
    }

    /**
     * The lower-resolution approximation: every channel is masked, but the masked forward passes
     * run on the image and the masks resized (bilinear) so that the longer side is {@code size};
     * a forward pass costs about (size / input size)^2 of a full one. The network must accept
     * that input size (a global pooling head does).
     *
     * @param size the longer side of the masked inputs, in pixels, at least 1; a size at or above
     *     the model's input size changes nothing
     * @return the configuration, in batches chosen per network
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static ScoreCamConfig lowerResolution(int size) {
        requirePositive("size", size);
        return new ScoreCamConfig(DEFAULT_BATCH_SIZE, DEFAULT_TOP_K, DEFAULT_SELECTION, DEFAULT_GROUPS,
                DEFAULT_GROUPING, size);
    }

    /**
     * Returns this configuration with another batch size.
     *
     * @param size masked inputs per forward pass; 0 to let Score-CAM choose
     * @return the configuration
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public ScoreCamConfig withBatchSize(int size) {
        return new ScoreCamConfig(size, topK, selection, groups, grouping, maskedInputSize);
    }

    /**
     * Tells whether this is the exact method: every channel masked on its own at the model's input
     * size. (A top-K, group count or size at or above the network's makes no approximation either,
     * but only the network can tell.)
     *
     * @return true if no approximation is configured
     */
    public boolean isExact() {
        return topK == 0 && groups == 0 && maskedInputSize == 0;
    }

    /**
     * Tells whether choosing the channels needs the gradients at the tap.
     *
     * @return true for a top-K preselection by gradient contribution
     */
    public boolean needsGradients() {
        return topK > 0 && selection == ChannelSelection.GRADIENT_CONTRIBUTION;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
    }
}
