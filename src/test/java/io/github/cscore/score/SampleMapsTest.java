package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SampleMapsTest {

    /** Two classes, images 0 and 1 of class 0, image 2 of class 1; 2x1 maps, gamma 1 to keep the arithmetic plain. */
    private static SampleMaps of(float[]... maps) {
        SampleMaps sample = new SampleMaps(new int[] {0, 0, 1}, 2, 64, 1);
        for (int i = 0; i < maps.length; i++) {
            if (maps[i] != null) {
                sample.add(i, maps[i], 2, 1);
            }
        }
        return sample;
    }

    @Nested
    class Drift {

        @Test
        void unchangedMapsHaveNoDrift() {
            SampleMaps then = of(new float[] {1, 0}, new float[] {0.5f, 0.5f}, new float[] {0, 1});
            SampleMaps now = of(new float[] {1, 0}, new float[] {0.5f, 0.5f}, new float[] {0, 1});

            double[] drift = now.driftFrom(then, SoftIou.MIN_MAX);

            assertEquals(0, drift[0], 1e-12);
            assertEquals(0, drift[1], 1e-12);
        }

        @Test
        void isTheMeanOfOneMinusSoftIouPerClass() {
            // image 0: [1,0] -> [0,1], s = 0; image 1: [0.5,0.5] -> [1,0.5], s = (0.5+0.5)/(1+0.5) = 2/3
            // class 0: mean(1 - 0, 1 - 2/3) = 2/3; image 2: [0,1] -> [0,0.5], s = 0.5, class 1: 0.5
            SampleMaps then = of(new float[] {1, 0}, new float[] {0.5f, 0.5f}, new float[] {0, 1});
            SampleMaps now = of(new float[] {0, 1}, new float[] {1, 0.5f}, new float[] {0, 0.5f});

            double[] drift = now.driftFrom(then, SoftIou.MIN_MAX);

            assertEquals(2.0 / 3, drift[0], 1e-7);
            assertEquals(0.5, drift[1], 1e-7);
        }

        @Test
        void anImageWithoutAMapOnEitherSideIsLeftOut() {
            SampleMaps then = of(new float[] {1, 0}, null, new float[] {0, 1});
            SampleMaps now = of(new float[] {1, 0}, new float[] {0, 1}, null);

            double[] drift = now.driftFrom(then, SoftIou.MIN_MAX);

            assertEquals(0, drift[0], 1e-12, "only image 0 is comparable");
            assertTrue(Double.isNaN(drift[1]), "class 1 has no comparable image");
        }

        @Test
        void twoFlatMapsAreLeftOutButAMapTurningFlatCountsAsFullDrift() {
            SampleMaps then = of(new float[] {0, 0}, new float[] {1, 0}, new float[] {0, 0});
            SampleMaps now = of(new float[] {0, 0}, new float[] {0, 0}, new float[] {0, 0});

            double[] drift = now.driftFrom(then, SoftIou.MIN_MAX);

            assertEquals(1, drift[0], 1e-12, "image 1 turned flat; image 0 was flat both times");
            assertTrue(Double.isNaN(drift[1]));
        }

        @Test
        void mapsOfAnotherSampleAreRefused() {
            SampleMaps other = new SampleMaps(new int[] {0, 1, 1}, 2, 64, 1);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> of(new float[] {1, 0}).driftFrom(other, SoftIou.MIN_MAX));

            assertTrue(error.getMessage().contains("different samples"), error.getMessage());
        }
    }

    @Nested
    class CrossClass {

        @Test
        void mapsOnTheSamePlaceWhateverTheClassAreFullySimilar() {
            SampleMaps sample = of(new float[] {1, 0}, new float[] {1, 0}, new float[] {1, 0});

            double[] cross = sample.crossClassSimilarity(SoftIou.MIN_MAX);

            assertEquals(1, cross[0], 1e-12);
            assertEquals(1, cross[1], 1e-12);
        }

        @Test
        void isTheMeanOverPairsWithTheOtherClasses() {
            // pairs (0,2): [1,0] vs [0.5,0.5] -> 0.5/1.5 = 1/3; (1,2): [0,1] vs [0.5,0.5] -> 1/3
            SampleMaps sample = of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.5f, 0.5f});

            double[] cross = sample.crossClassSimilarity(SoftIou.MIN_MAX);

            assertEquals(1.0 / 3, cross[0], 1e-7);
            assertEquals(1.0 / 3, cross[1], 1e-7);
        }

        @Test
        void aClassWithoutMapsHasNoValue() {
            SampleMaps sample = of(new float[] {1, 0}, new float[] {0, 1}, null);

            double[] cross = sample.crossClassSimilarity(SoftIou.MIN_MAX);

            assertTrue(Double.isNaN(cross[0]) && Double.isNaN(cross[1]));
        }
    }

    @Test
    void mapsAreEmphasisedAsTheCScoreDoes() {
        SampleMaps then = new SampleMaps(new int[] {0}, 1, 64, 2);
        SampleMaps now = new SampleMaps(new int[] {0}, 1, 64, 2);
        then.add(0, new float[] {1, 0.5f}, 2, 1);
        now.add(0, new float[] {0.5f, 1}, 2, 1);

        // emphasised [1, 0.25] and [0.25, 1]: s = 0.5 / 2 = 0.25, drift 0.75
        assertEquals(0.75, now.driftFrom(then, SoftIou.MIN_MAX)[0], 1e-7);
    }

    @Test
    void rejectsALabelOutsideTheClasses() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new SampleMaps(new int[] {0, 2}, 2, 64, 2));

        assertTrue(error.getMessage().contains("label of image 1"), error.getMessage());
    }
}
