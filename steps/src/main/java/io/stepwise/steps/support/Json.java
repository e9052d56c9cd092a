package io.stepwise.steps.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Map;
import java.util.Optional;

/** JSON for step values: writing request bodies, reading command output, showing values briefly. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Indented JSON, for request bodies a person reads in dry-run. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object as a Map; throws {@link IllegalArgumentException} when the text is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object value;
        try {
            value = read(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    /** Parsed as Maps, Lists and scalars; the error names what is wrong and where. */
    public static Object read(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }

    public static Optional<Object> tryRead(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.ofNullable(read(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A value as short JSON (strings bare), for progress lines and messages; not masked. */
    public static String brief(Object value, int max) {
        if (value instanceof String s) {
            return Texts.shorten(s, max);
        }
        try {
            return Texts.shorten(MAPPER.writeValueAsString(value), max);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Texts.shorten(String.valueOf(value), max);
        }
    }
}
