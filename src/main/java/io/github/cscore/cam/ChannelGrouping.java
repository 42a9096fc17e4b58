package io.github.cscore.cam;

/**
 * How Score-CAM puts channels into groups when it masks groups instead of single channels (an
 * approximation, {@link ScoreCamConfig#channelGroups}): each group's mask is made from the mean of
 * its members' min-max-normalised activation maps, and every member takes the group's score.
 *
 * <p>Which rule keeps the maps closer to the exact ones is measured on trained networks in {@code
 * docs/performance.md}.
 */
public enum ChannelGrouping {

    /**
     * Runs of consecutive channels, G of nearly equal size, as Group-CAM (Zhang et al. 2021,
     * arXiv:2103.13859) splits the feature maps. The order of a CNN's channels carries no meaning,
     * so a group mixes unrelated maps.
     */
    CONTIGUOUS,

    /**
     * k-means (k-means++ seeding with a fixed seed, at most 25 Lloyd iterations) over the channels'
     * min-max-normalised activation maps: the members of a group have alike maps, so the group's
     * mask stands in for each member's.
     */
    CLUSTERED
}
