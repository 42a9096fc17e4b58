package io.github.cscore.report;

/**
 * Escaping for text placed into the report: HTML text and attributes, and JSON embedded in a
 * {@code <script>} element. Run, model, class and rule names come from files a user or a dataset
 * chose, so none is trusted.
 */
final class Html {

    private Html() {}

    /**
     * Escapes text for an HTML element's content or a quoted attribute value.
     *
     * @param text any text; null gives an empty string
     * @return the text with {@code & < > " '} as character references
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Makes JSON safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only
     * occur inside JSON strings, where their {@code \}{@code u} escapes mean the same, so no
     * {@code </script>} or {@code <!--} can end or change the element. U+2028 and U+2029 are
     * escaped too, for readers that treat them as line ends.
     *
     * @param json valid JSON
     * @return the same JSON value, safe to embed
     */
    static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    /**
     * Makes a script's source safe to inline in a {@code <script>} element: a {@code </script}
     * inside it (in a string or a regular expression) would end the element early.
     *
     * @param source JavaScript source
     * @return the source with {@code </script} written as {@code <\/script}
     */
    static String inlineScript(String source) {
        return source.replaceAll("(?i)</(script)", "<\\\\/$1");
    }
}
