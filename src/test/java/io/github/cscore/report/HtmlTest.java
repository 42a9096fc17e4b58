package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "NORMAL | NORMAL",
        "<script>alert(1)</script> | &lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b | a &amp; b",
        "`\"quoted\" 'single'` | &quot;quoted&quot; &#39;single&#39;",
        "`` | ``"
    })
    void escapesTheFiveHtmlSpecialCharacters(String text, String expected) {
        assertEquals(expected, Html.escape(text));
    }

    @Test
    void nullEscapesToNothing() {
        assertEquals("", Html.escape(null));
    }

    @Test
    void scriptSafeJsonCannotCloseTheScriptElementAndParsesToTheSameValue() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String hostile = "</script><script>alert('x')</script><!-- & \u2028";
        String json = mapper.writeValueAsString(java.util.Map.of("name", hostile));

        String safe = Html.scriptSafeJson(json);

        assertFalse(safe.contains("<"), safe);
        assertFalse(safe.contains(">"), safe);
        assertFalse(safe.contains("&"), safe);
        assertEquals(hostile, mapper.readTree(safe).get("name").asText(), "the same value once parsed");
    }

    @Test
    void inlinedScriptsCannotEndTheirElementEarlyAndKeepTheirText() {
        assertEquals("var s = '<\\/script>'; var t = '<\\/SCRIPT '", Html.inlineScript("var s = '</script>'; var t = '</SCRIPT '"));
    }
}
