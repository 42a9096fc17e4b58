package io.github.cscore.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class StrictJsonTest {

    private static final StrictJson ROOT = StrictJson.parse("{\"epoch\": 3, \"auc\": null, \"share\": 0.25, "
            + "\"name\": \"a\", \"classes\": [{\"gold\": -1, \"score\": 42}], \"sizes\": [1, 2], \"names\": [\"x\"]}");

    @Test
    void readsWhatTheFileHolds() {
        assertEquals(3, ROOT.count("epoch"));
        assertTrue(Double.isNaN(ROOT.fraction("auc")), "null reads as NaN");
        assertEquals(0.25, ROOT.fraction("share"));
        assertEquals("a", ROOT.text("name"));
        assertArrayEquals(new int[] {1, 2}, ROOT.integers("sizes"));
        assertEquals(List.of("x"), ROOT.texts("names"));
        assertEquals("classes[0].", ROOT.array("classes").get(0).path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "missing      | field 'missing' is missing",
        "name         | field 'name' must be an integer, but was \"a\"",
    })
    void aWrongIntegerNamesTheField(String field, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ROOT.integer(field)).getMessage());
    }

    @Test
    void outOfRangeValuesNameTheirPath() {
        StrictJson first = ROOT.array("classes").get(0);

        assertEquals("field 'classes[0].gold' must be an integer of at least 0, but was -1",
                assertThrows(IllegalArgumentException.class, () -> first.count("gold")).getMessage());
        assertEquals("field 'classes[0].score' must be in [0, 1] or null, but was 42.0",
                assertThrows(IllegalArgumentException.class, () -> first.fraction("score")).getMessage());
    }

    @Test
    void trailingContentAndNonObjectsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("{} {}")).getMessage()
                .startsWith("not valid JSON"));
        assertEquals("not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("[1]")).getMessage());
    }

    @Test
    void aLabelThatIsNotUnderstoodNamesTheField() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ROOT.label("name", text -> {
                    throw new IllegalArgumentException("unknown phase '" + text + "'");
                }));

        assertEquals("field 'name': unknown phase 'a'", error.getMessage());
    }
}
