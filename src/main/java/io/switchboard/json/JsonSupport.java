package io.switchboard.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.stream.JsonParsingException;

/**
 * The one JSON-B configuration of the wire: snake_case names ({@code message_type}), nulls left out. A Yasson
 * {@link Jsonb} is thread-safe and expensive to build, so there is one per application, shared by codecs that
 * the WebSocket container instantiates itself (they cannot be injected) and by CDI beans.
 */
public final class JsonSupport {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));

    private JsonSupport() {
    }

    public static Jsonb jsonb() {
        return JSONB;
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static <T> T read(String text, Class<T> type) {
        return JSONB.fromJson(text, type);
    }

    /** Whether a decoding failure was bad JSON syntax, as opposed to valid JSON of the wrong shape. */
    public static boolean isSyntaxError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException) {
                return true;
            }
        }
        return false;
    }

    /** A client-supplied string cut short for an error message. */
    public static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
