package io.github.cscore.score;

import java.util.Arrays;
import java.util.Random;

/** Small maps for tests: parsed from text or drawn from a seeded generator. */
final class TestMaps {

    private TestMaps() {}

    /** Parses space-separated values, e.g. {@code "1 0.5 0 0"}. */
    static float[] parse(String values) {
        String[] parts = values.trim().split("\\s+");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    /** Parses space-separated integers. */
    static int[] parseInts(String values) {
        return Arrays.stream(values.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    /** Parses rows separated by {@code |}, e.g. {@code "0.9 0.1 | 0.2 0.8"}. */
    static float[][] parseRows(String rows) {
        return Arrays.stream(rows.split("\\|")).map(TestMaps::parse).toArray(float[][]::new);
    }

    /** {@code n} maps of {@code pixels} values in [0, 1], about a quarter of them zero. */
    static float[][] random(long seed, int n, int pixels) {
        Random random = new Random(seed);
        float[][] maps = new float[n][pixels];
        for (float[] map : maps) {
            for (int k = 0; k < pixels; k++) {
                float v = random.nextFloat();
                map[k] = v < 0.25f ? 0f : v;
            }
        }
        return maps;
    }

    /** {@code n} weights in [0.5, 1]. */
    static float[] weights(long seed, int n) {
        Random random = new Random(seed);
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 0.5f + 0.5f * random.nextFloat();
        }
        return weights;
    }
}
