package io.github.cscore.bench;

import java.util.Random;

/** Seeded inputs for the kernel benchmarks: emphasised maps and confidences. */
final class BenchmarkMaps {

    private BenchmarkMaps() {}

    /**
     * {@code n} maps as the kernel sees them: a quarter of the pixels zero (background), the
     * rest {@code u^2} for uniform {@code u} (gamma 2 emphasis).
     */
    static float[][] emphasised(long seed, int n, int pixels) {
        Random random = new Random(seed);
        float[][] maps = new float[n][pixels];
        for (float[] map : maps) {
            for (int k = 0; k < pixels; k++) {
                float u = random.nextFloat();
                map[k] = u < 0.25f ? 0f : u * u;
            }
        }
        return maps;
    }

    /** {@code n} confidences in [0.9, 1], as a gold list at tau 0.9 has. */
    static float[] confidences(long seed, int n) {
        Random random = new Random(seed);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.9f + 0.1f * random.nextFloat();
        }
        return p;
    }
}
