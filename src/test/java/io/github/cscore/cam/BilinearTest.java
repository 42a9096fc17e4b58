package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

class BilinearTest {

    @Test
    void upsamplesTwoByTwoToFourByFourWithHalfPixelCentres() {
        float[] map = {0, 1, 2, 3};

        float[] resized = Bilinear.resize(map, 2, 2, 4, 4);

        // Output sample o reads input position (o + 0.5) / 2 - 0.5, clamped: 0, 0.25, 0.75, 1.
        float[] expected = {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f
        };
        assertArrayEquals(expected, resized, 1e-6f);
    }

    @Test
    void keepsAMapOfTheSameSizeUnchanged() {
        float[] map = {0.3f, 0.1f, 0.7f, 0.2f, 0.9f, 0.4f};

        assertArrayEquals(map, Bilinear.resize(map, 2, 3, 2, 3));
    }

    @ParameterizedTest
    @CsvSource({"7, 224", "14, 224", "3, 5", "8, 3", "1, 4"})
    void interpolationMatrixRowsSumToOne(int in, int out) {
        float[] matrix = Bilinear.matrix(in, out);

        for (int o = 0; o < out; o++) {
            float sum = 0;
            for (int i = 0; i < in; i++) {
                sum += matrix[o * in + i];
            }
            assertEquals(1f, sum, 1e-6f, "row " + o);
        }
    }

    @Test
    void agreesWithThePyTorchEngineBilinearResize() {
        Random random = new Random(11);
        float[] map = new float[7 * 5];
        for (int i = 0; i < map.length; i++) {
            map[i] = random.nextFloat();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.create(map, new Shape(7, 5, 1));

            NDArray engine = NDImageUtils.resize(image, 23, 31, Image.Interpolation.BILINEAR);

            assertArrayEquals(engine.toFloatArray(), Bilinear.resize(map, 7, 5, 31, 23), 1e-5f);
        }
    }

    @Test
    void rejectsAMapWhoseLengthDoesNotMatchItsSize() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Bilinear.resize(new float[5], 2, 3, 4, 4));

        assertEquals("map must have 2 x 3 values, but had 5", error.getMessage());
    }
}
