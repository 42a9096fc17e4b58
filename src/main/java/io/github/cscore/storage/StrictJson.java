package io.github.cscore.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A JSON object read strictly, the one reading policy of the files the library writes (timeline
 * records, the snapshot manifest): a field that is missing, of the wrong type or out of range is
 * an {@link IllegalArgumentException} naming the field by its path from the root ({@code
 * field 'classes[0].gold_size' must be an integer, but was "x"}); trailing content after the
 * object is refused; JSON {@code null} is read only where the format allows it. Numbers that are
 * shares or scores ({@link #fraction}) must lie in [0, 1].
 *
 * <pre>{@code
 * StrictJson root = StrictJson.parse(line);
 * int epoch = root.count("epoch");
 * double auc = root.fraction("macro_auc");       // NaN where the file says null
 * }</pre>
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode node;
    private final String path;

    private StrictJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses text holding one JSON object.
     *
     * @param text the text
     * @return the object at the root
     * @throws IllegalArgumentException if the text is not valid JSON, holds more than one value, or
     *     is not an object
     */
    public static StrictJson parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new StrictJson(root, "");
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("field '" + path + field + "' is missing");
        }
        return value;
    }

    private IllegalArgumentException wrong(String field, String expected, Object value) {
        return new IllegalArgumentException("field '" + path + field + "' must be " + expected + ", but was " + value);
    }

    /**
     * Returns the path of this object from the root, ending with a dot ({@code classes[0].}); empty
     * at the root.
     *
     * @return the path prefix for field names
     */
    public String path() {
        return path;
    }

    /**
     * Tells whether the object has a field, null or not.
     *
     * @param field the field name
     * @return true if present
     */
    public boolean has(String field) {
        return node.has(field);
    }

    /**
     * Tells whether a field is present and JSON {@code null}.
     *
     * @param field the field name
     * @return true if it is null
     * @throws IllegalArgumentException if it is missing
     */
    public boolean isNull(String field) {
        return required(field).isNull();
    }

    /**
     * Returns the object's field names in file order.
     *
     * @return the names
     */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /**
     * Reads an integer that fits an {@code int}.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing or not such an integer
     */
    public int integer(String field) {
        JsonNode value = required(field);
        if (!value.isInt()) {
            throw wrong(field, "an integer", value);
        }
        return value.intValue();
    }

    /**
     * Reads an integer of at least 0: a count, a size, an epoch.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing, not an integer or negative
     */
    public int count(String field) {
        int value = integer(field);
        if (value < 0) {
            throw wrong(field, "an integer of at least 0", value);
        }
        return value;
    }

    /**
     * Reads an integer that fits a {@code long}.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing or not such an integer
     */
    public long longInteger(String field) {
        JsonNode value = required(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw wrong(field, "an integer", value);
        }
        return value.longValue();
    }

    /**
     * Reads a number; JSON {@code null} reads as NaN (the writer's form of an undefined number).
     *
     * @param field the field name
     * @return the value, NaN for null
     * @throws IllegalArgumentException if it is missing or neither a number nor null
     */
    public double number(String field) {
        JsonNode value = required(field);
        if (value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw wrong(field, "a number or null", value);
        }
        return value.doubleValue();
    }

    /**
     * Reads a number that must not be null.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing, null or not a number
     */
    public double requiredNumber(String field) {
        double value = number(field);
        if (Double.isNaN(value)) {
            throw wrong(field, "a number", "null");
        }
        return value;
    }

    /**
     * Reads a number of at least 0, or null (NaN): a duration.
     *
     * @param field the field name
     * @return the value, NaN for null
     * @throws IllegalArgumentException if it is missing, not a number or negative
     */
    public double nonNegative(String field) {
        double value = number(field);
        if (value < 0) {
            throw wrong(field, "a number of at least 0", value);
        }
        return value;
    }

    /**
     * Reads a share or score in [0, 1], or null (NaN, undefined).
     *
     * @param field the field name
     * @return the value, NaN for null
     * @throws IllegalArgumentException if it is missing, not a number, or outside [0, 1]
     */
    public double fraction(String field) {
        double value = number(field);
        if (value < 0 || value > 1) {
            throw wrong(field, "in [0, 1] or null", value);
        }
        return value;
    }

    /**
     * Reads {@code true} or {@code false}.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing or not a boolean
     */
    public boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw wrong(field, "true or false", value);
        }
        return value.booleanValue();
    }

    /**
     * Reads a string.
     *
     * @param field the field name
     * @return the value
     * @throws IllegalArgumentException if it is missing or not a string
     */
    public String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrong(field, "a string", value);
        }
        return value.textValue();
    }

    /**
     * Reads a string or null.
     *
     * @param field the field name
     * @return the value, or null
     * @throws IllegalArgumentException if it is missing or neither a string nor null
     */
    public String optionalText(String field) {
        JsonNode value = required(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrong(field, "a string or null", value);
        }
        return value.textValue();
    }

    /**
     * Reads a string and turns it into a value, naming the field if that fails.
     *
     * @param <T> the value's type
     * @param field the field name
     * @param parse turns the text into the value; throws {@link IllegalArgumentException} for
     *     text it does not know
     * @return the value
     * @throws IllegalArgumentException if it is missing, not a string, or not understood
     */
    public <T> T label(String field, Function<String, T> parse) {
        String text = text(field);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + path + field + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads an ISO-8601 instant.
     *
     * @param field the field name
     * @return the instant
     * @throws IllegalArgumentException if it is missing or not an instant
     */
    public Instant instant(String field) {
        String text = text(field);
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field '" + path + field + "' must be an ISO-8601 instant, but was \""
                    + text + "\"", e);
        }
    }

    /**
     * Reads a nested object.
     *
     * @param field the field name
     * @return the object, whose errors name {@code field.}
     * @throws IllegalArgumentException if it is missing or not an object
     */
    public StrictJson object(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw wrong(field, "an object", value);
        }
        return new StrictJson(value, path + field + ".");
    }

    /**
     * Reads an array of objects.
     *
     * @param field the field name
     * @return the objects, whose errors name {@code field[i].}
     * @throws IllegalArgumentException if it is missing, not an array, or holds a non-object
     */
    public List<StrictJson> array(String field) {
        JsonNode value = array(field, "an array of objects");
        List<StrictJson> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw wrong(field + "[" + i + "]", "an object", item);
            }
            items.add(new StrictJson(item, path + field + "[" + i + "]."));
        }
        return items;
    }

    /**
     * Reads an array of strings.
     *
     * @param field the field name
     * @return the strings
     * @throws IllegalArgumentException if it is missing, not an array, or holds a non-string
     */
    public List<String> texts(String field) {
        JsonNode value = array(field, "an array of strings");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw wrong(field + "[" + i + "]", "a string", value.get(i));
            }
            items.add(value.get(i).textValue());
        }
        return items;
    }

    /**
     * Reads an array of integers.
     *
     * @param field the field name
     * @return the integers
     * @throws IllegalArgumentException if it is missing, not an array, or holds a non-integer
     */
    public int[] integers(String field) {
        JsonNode value = array(field, "an array of integers");
        int[] items = new int[value.size()];
        for (int i = 0; i < items.length; i++) {
            if (!value.get(i).isInt()) {
                throw wrong(field + "[" + i + "]", "an integer", value.get(i));
            }
            items[i] = value.get(i).intValue();
        }
        return items;
    }

    private JsonNode array(String field, String expected) {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw wrong(field, expected, value);
        }
        return value;
    }
}
