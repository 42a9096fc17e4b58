package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

/**
 * The grouping of one image's channels for Score-CAM's channel-group approximation, computed in
 * the JVM from the channels' min-max-normalised activation maps (C x hw values, copied once per
 * image: small beside one forward pass).
 *
 * @param maps each group's map, the mean of its members' normalised maps, (G, h, w)
 * @param labels each channel's group, (K), int64, an index into {@code maps}
 */
record ChannelGroups(NDArray maps, NDArray labels) {

    /** Seed of the k-means++ seeding: the grouping of an image is the same in every run. */
    private static final long SEED = 17;
    private static final int MAX_ITERATIONS = 25;
    private static final float RANGE_EPSILON = 1e-7f;

    /**
     * Groups one image's channels.
     *
     * @param activations the channels, (K, h, w)
     * @param groups the number of groups wanted, at least 1
     * @param grouping the rule
     * @return the groups' maps and each channel's group, in the activations' manager
     */
    static ChannelGroups of(NDArray activations, int groups, ChannelGrouping grouping) {
        Shape shape = activations.getShape();
        int channels = (int) shape.get(0);
        int pixels = (int) (shape.get(1) * shape.get(2));
        float[] values = activations.toFloatArray();
        float[][] maps = new float[channels][];
        for (int k = 0; k < channels; k++) {
            maps[k] = normalised(Arrays.copyOfRange(values, k * pixels, (k + 1) * pixels));
        }
        int[] labels = assign(maps, groups, grouping);
        int count = Arrays.stream(labels).max().orElse(-1) + 1;
        float[] means = new float[count * pixels];
        int[] sizes = new int[count];
        for (int k = 0; k < channels; k++) {
            sizes[labels[k]]++;
            for (int p = 0; p < pixels; p++) {
                means[labels[k] * pixels + p] += maps[k][p];
            }
        }
        for (int i = 0; i < means.length; i++) {
            means[i] /= sizes[i / pixels];
        }
        NDManager manager = activations.getManager();
        return new ChannelGroups(manager.create(means, new Shape(count, shape.get(1), shape.get(2))),
                manager.create(Arrays.stream(labels).asLongStream().toArray()));
    }

    /** A map min-maxed to [0, 1]; a constant map gives zeros. */
    private static float[] normalised(float[] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : map) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max - min;
        for (int p = 0; p < map.length; p++) {
            map[p] = range < RANGE_EPSILON ? 0 : (map[p] - min) / range;
        }
        return map;
    }

    /**
     * Assigns each channel to a group.
     *
     * @param maps the channels' normalised maps, one row of h * w values per channel
     * @param groups the number of groups wanted, at least 1
     * @param grouping the rule
     * @return the group of each channel, numbered from 0 without gaps (fewer than {@code groups}
     *     if there are fewer channels, or if k-means leaves a group empty)
     */
    static int[] assign(float[][] maps, int groups, ChannelGrouping grouping) {
        int channels = maps.length;
        int count = Math.min(groups, channels);
        int[] labels = new int[channels];
        if (grouping == ChannelGrouping.CONTIGUOUS) {
            for (int k = 0; k < channels; k++) {
                labels[k] = (int) ((long) k * count / channels);
            }
            return labels;
        }
        float[][] centres = seeds(maps, count);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (!reassign(maps, centres, labels) && iteration > 0) {
                break;
            }
            centres = means(maps, labels, centres);
        }
        return compact(labels, count);
    }

    /** k-means++ seeding: each next centre drawn with probability proportional to squared distance. */
    private static float[][] seeds(float[][] maps, int count) {
        Random random = new Random(SEED);
        float[][] centres = new float[count][];
        centres[0] = maps[random.nextInt(maps.length)].clone();
        double[] nearest = new double[maps.length];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < count; c++) {
            double total = 0;
            for (int k = 0; k < maps.length; k++) {
                nearest[k] = Math.min(nearest[k], distance(maps[k], centres[c - 1]));
                total += nearest[k];
            }
            double draw = random.nextDouble() * total;
            int chosen = maps.length - 1;
            for (int k = 0; k < maps.length && draw >= 0; k++) {
                draw -= nearest[k];
                chosen = k;
            }
            centres[c] = maps[chosen].clone();
        }
        return centres;
    }

    /** Moves each channel to its nearest centre; tells whether any moved. */
    private static boolean reassign(float[][] maps, float[][] centres, int[] labels) {
        boolean moved = false;
        for (int k = 0; k < maps.length; k++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double d = distance(maps[k], centres[c]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            moved |= labels[k] != best;
            labels[k] = best;
        }
        return moved;
    }

    /** The mean map of each group; an empty group keeps its centre. */
    private static float[][] means(float[][] maps, int[] labels, float[][] previous) {
        int length = maps[0].length;
        double[][] sums = new double[previous.length][length];
        int[] sizes = new int[previous.length];
        for (int k = 0; k < maps.length; k++) {
            sizes[labels[k]]++;
            for (int p = 0; p < length; p++) {
                sums[labels[k]][p] += maps[k][p];
            }
        }
        float[][] centres = new float[previous.length][];
        for (int c = 0; c < previous.length; c++) {
            if (sizes[c] == 0) {
                centres[c] = previous[c];
                continue;
            }
            centres[c] = new float[length];
            for (int p = 0; p < length; p++) {
                centres[c][p] = (float) (sums[c][p] / sizes[c]);
            }
        }
        return centres;
    }

    /** Renumbers the groups that have members as 0, 1, ... in order of first appearance. */
    private static int[] compact(int[] labels, int count) {
        int[] renumbered = new int[count];
        Arrays.fill(renumbered, -1);
        int next = 0;
        int[] result = new int[labels.length];
        for (int k = 0; k < labels.length; k++) {
            if (renumbered[labels[k]] < 0) {
                renumbered[labels[k]] = next++;
            }
            result[k] = renumbered[labels[k]];
        }
        return result;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int p = 0; p < a.length; p++) {
            double d = a[p] - b[p];
            sum += d * d;
        }
        return sum;
    }
}
