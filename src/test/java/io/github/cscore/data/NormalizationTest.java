package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizationTest {

    @ParameterizedTest
    @CsvSource({
        // normalisation, channel, byte value, expected = (v / 255 - mean) / std
        "IMAGENET, 0, 255, 2.2489083", //  (1 - 0.485) / 0.229
        "IMAGENET, 1, 0, -2.0357143", //   (0 - 0.456) / 0.224
        "IMAGENET, 2, 51, -0.9155556", //  (0.2 - 0.406) / 0.225
        "MINUS_ONE_TO_ONE, 0, 0, -1",
        "MINUS_ONE_TO_ONE, 1, 127.5, 0",
        "MINUS_ONE_TO_ONE, 2, 255, 1",
        "UNIT, 0, 51, 0.2",
        "UNIT, 2, 255, 1"
    })
    void appliesMeanAndStandardDeviationOfTheChannel(
            Normalization normalization, int channel, float value, float expected) {
        assertEquals(expected, normalization.apply(channel, value), 1e-6f);
    }

    @Test
    void toUnitRangeUndoesApply() {
        float[] chw = {
            Normalization.IMAGENET.apply(0, 0), Normalization.IMAGENET.apply(0, 255),
            Normalization.IMAGENET.apply(1, 51), Normalization.IMAGENET.apply(1, 102),
            Normalization.IMAGENET.apply(2, 204), Normalization.IMAGENET.apply(2, 153)
        };

        float[] unit = Normalization.IMAGENET.toUnitRange(chw);

        assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f, 0.8f, 0.6f}, unit, 1e-6f);
    }

    @Test
    void toUnitRangeRejectsALengthThatIsNotThreePlanes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.UNIT.toUnitRange(new float[4]));
        assertEquals("chw length must be a multiple of 3 channels, but was 4", e.getMessage());
    }

    @Test
    void meanAndStdAreCopies() {
        Normalization.IMAGENET.mean()[0] = 99f;
        Normalization.IMAGENET.std()[0] = 99f;

        assertEquals(0.485f, Normalization.IMAGENET.mean()[0]);
        assertEquals(0.229f, Normalization.IMAGENET.std()[0]);
    }
}
