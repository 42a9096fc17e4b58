package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

class GoldMapsTest {

    private static float[] randomMap(Random random, int pixels) {
        float[] map = new float[pixels];
        for (int k = 0; k < pixels; k++) {
            map[k] = random.nextFloat();
        }
        return map;
    }

    @Test
    void scoringGoldMapsEqualsScoringEachClassFromItsFullSizeMaps() {
        CScore cscore = new CScore(CScoreConfig.builder().optResolution(8).optMinGoldSize(2).build());
        Random random = new Random(5);
        GoldMaps gold = new GoldMaps(2, 8);
        List<List<float[]>> full = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Float>> confidences = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 7; i++) {
            int c = i % 2;
            float[] map = randomMap(random, 32 * 32);
            float confidence = 0.9f + 0.01f * i;
            gold.add(c, map, 32, 32, confidence);
            full.get(c).add(map);
            confidences.get(c).add(confidence);
        }

        List<ClassScore> scored = cscore.score(gold);

        for (int c = 0; c < 2; c++) {
            float[] weights = new float[confidences.get(c).size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = confidences.get(c).get(i);
            }
            assertEquals(cscore.scoreClass(c, full.get(c), 32, 32, weights), scored.get(c));
        }
    }

    @Test
    void mapsOfAnotherSizeAreRefused() {
        GoldMaps gold = new GoldMaps(2, 8);
        gold.add(0, new float[16 * 16], 16, 16, 1f);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> gold.add(1, new float[4 * 4], 4, 4, 1f));

        assertEquals("every map must have the same size; this one scores at 4x4, the others at 8x8", error.getMessage());
    }

    @Test
    void softmaxOfEqualScoresIsUniformAndOfAConfidentRowIsNotRoundedToOne() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, Softmax.of(new float[] {3, 3, 3, 3}));

        float[] confident = Softmax.of(new float[] {0, 12});

        assertEquals(6.1442124e-6f, confident[0], 1e-10f); // 1 / (1 + e^12)
        assertEquals(1f - 6.1442124e-6f, confident[1], 1e-7f);
    }
}
