package io.github.cscore.data.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxTest {

    @ParameterizedTest
    @CsvSource({
        // box, from, to, expected: corners scaled, start floored, end ceiled
        "'10 20 18 31', 64, 128, '20 40 36 62'",
        "'10 20 18 31', 128, 64, '5 10 9 16'", //  15.5 -> 16
        "'3 3 4 4', 128, 32, '0 0 1 1'", //         never empty
        "'0 0 64 64', 64, 224, '0 0 224 224'"
    })
    void rescaleCoversTheSameRegion(String box, int from, int to, String expected) {
        assertEquals(Box.parse(expected), Box.parse(box).rescale(from, to));
    }

    @Test
    void containsIsEndExclusive() {
        Box box = new Box(2, 3, 5, 7);

        assertTrue(box.contains(2, 3));
        assertTrue(box.contains(4, 6));
        assertFalse(box.contains(5, 6));
        assertFalse(box.contains(4, 7));
        assertEquals(3, box.width());
        assertEquals(4, box.height());
    }

    @Test
    void parsesWhatToStringWrites() {
        Box box = new Box(1, 2, 30, 40);

        assertEquals("1 2 30 40", box.toString());
        assertEquals(box, Box.parse(box.toString()));
    }

    @Test
    void rejectsAnEmptyBox() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Box(5, 0, 5, 3));
        assertEquals("box must have 0 <= x0 < x1 and 0 <= y0 < y1, but was (5, 0, 5, 3)", e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotFourNumbers() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Box.parse("1 2 x 4"));
        assertEquals("box must be 'x0 y0 x1 y1', but was '1 2 x 4'", e.getMessage());
    }
}
