package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyFolder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which phantoms carry the shortcut marker, and the per-image seeds.
 *
 * <p>For each folder and class of {@code n} images, exactly {@code round(rate * n)} images
 * "agree": a PNEUMONIA image that agrees carries the marker, a NORMAL one that agrees does not.
 * Which images agree is a seeded shuffle, separate from the generators that draw the images.
 */
final class ShortcutPlan {

    private ShortcutPlan() {}

    /**
     * Returns, per label and index, whether the image carries the marker; all false when the rate
     * is 0.
     */
    static boolean[][] of(long seed, KermanyFolder folder, int count, double rate) {
        boolean[][] plan = new boolean[ChestPhantoms.CLASS_NAMES.size()][count];
        if (rate == 0) {
            return plan;
        }
        int agreeing = (int) Math.round(rate * count);
        for (int label = 0; label < plan.length; label++) {
            List<Integer> order = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                order.add(i);
            }
            // Index -1 keeps this shuffle's generator apart from every image's own.
            Collections.shuffle(order, new Random(mix(seed, folder.ordinal(), label, -1)));
            for (int rank = 0; rank < count; rank++) {
                boolean agrees = rank < agreeing;
                plan[label][order.get(rank)] = label == 1 ? agrees : !agrees;
            }
        }
        return plan;
    }

    /** Mixes the seed and an image's coordinates into one well-spread seed (SplitMix64 steps). */
    static long mix(long seed, int folder, int label, int index) {
        long h = seed;
        for (long part : new long[] {folder, label, index}) {
            h = (h ^ part) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
