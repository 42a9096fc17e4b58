package io.github.cscore.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Where a network is explained: the primary CAM tap and the taps MS GradCAM++ fuses.
 *
 * <p>Taps are block paths as understood by {@link TappedModel} (for example {@code
 * backbone/stage4}). The primary tap is the last spatial feature map before global pooling; the
 * multi-scale taps are, by default, the stage before it and the primary tap itself.
 *
 * @param primary the tap used by GradCAM, GradCAM++, LayerCAM, EigenCAM and ScoreCAM
 * @param multiScale the taps MS GradCAM++ fuses, at least two, of different resolution
 */
public record CamTaps(String primary, List<String> multiScale) {

    /**
     * Checks and copies the taps.
     *
     * @param primary the block path of the primary tap, not null
     * @param multiScale the block paths MS GradCAM++ fuses, at least two and all different; the
     *     list is copied
     * @throws IllegalArgumentException if a tap is blank or fewer than two multi-scale taps are
     *     given
     */
    public CamTaps {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(multiScale, "multiScale");
        BlockPaths.segments(primary);
        multiScale.forEach(BlockPaths::segments);
        if (multiScale.size() < 2) {
            throw new IllegalArgumentException(
                    "multiScale needs at least two taps, but was " + multiScale);
        }
        if (multiScale.stream().distinct().count() != multiScale.size()) {
            throw new IllegalArgumentException("multiScale taps must differ, but were " + multiScale);
        }
        multiScale = List.copyOf(multiScale);
    }

    /**
     * Every distinct tap, primary first.
     *
     * @return an unmodifiable list of the primary tap followed by the multi-scale taps, each
     *     once
     */
    public List<String> all() {
        LinkedHashSet<String> taps = new LinkedHashSet<>();
        taps.add(primary);
        taps.addAll(multiScale);
        return List.copyOf(taps);
    }
}
