package io.switchboard.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a JSON object into a record, strictly (SPEC §13: "JSON of the wrong type is bad input, never converted").
 * Inbound bodies are bound here and not by Yasson, because Yasson 3.0.4 converts instead of refusing: it reads
 * {@code [{"message_type":"ping"},1,"x"]} as the object inside the array, {@code "id": 5} as the string "5", and
 * ignores anything after the first value. Here the input is one JSON object and nothing else; each field must
 * have its component's JSON type; a JSON {@code null} is an absent field; a field given twice is refused (two
 * readers of the same text must never disagree about it); unknown fields are ignored, so that clients may send
 * more than a server version knows.
 *
 * <p>Component names are the record's in snake_case ({@code toUserId} → {@code to_user_id}), as JSON-B writes them.
 * Component types: {@code String}, {@code boolean}/{@code Boolean}, {@code int}/{@code Integer},
 * {@code long}/{@code Long} (integral numbers in range), {@code JsonObject}, {@code JsonArray}, {@code JsonValue}
 * (anything). One pass over the text, no intermediate tree but for object/array/any values.
 *
 * <p>Two limits of JSON-P are bad input too, refused as the wrong shape rather than left to escape as the parser's
 * runtime exceptions (found by fuzzing, issue 12): nesting deeper than {@link #MAX_DEPTH} (Parsson 1.1.7 throws a
 * bare {@code RuntimeException} past 1000 levels, and implementations differ), and a number JSON-P cannot hold
 * ({@code 1e9999999999}: {@code NumberFormatException}; more than 1100 characters: {@code
 * UnsupportedOperationException}) in a field that is read — where it is skipped unread, it does no harm.
 * Unknown fields are skipped event by event, not with Parsson's own skipping (see {@link #skip}).
 */
public final class StrictJson {
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    /** How deep objects and arrays may nest, the outer object included. */
    public static final int MAX_DEPTH = 500;

    private StrictJson() {
    }

    /** Why a text is not a {@code type}: bad JSON syntax, or valid JSON of the wrong shape (the message says which). */
    public static final class Refused extends Exception {
        private final boolean syntax;

        Refused(boolean syntax, String message) {
            super(message, null, false, false);
            this.syntax = syntax;
        }

        /** True for text that is not JSON at all; false for JSON that is not the expected object. */
        public boolean isSyntaxError() {
            return syntax;
        }
    }

    public static <R extends Record> R read(String text, Class<R> type) throws Refused {
        Shape shape = SHAPES.computeIfAbsent(type, Shape::of);
        if (nestsDeeperThan(text, MAX_DEPTH)) {
            throw new Refused(false, "nested more than " + MAX_DEPTH + " levels deep");
        }
        try (JsonParser p = PARSERS.createParser(new StringReader(text))) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                throw new Refused(false, "expected a JSON object");
            }
            Object[] values = shape.defaults();
            boolean[] seen = new boolean[values.length];
            JsonParser.Event e;
            while ((e = p.next()) == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                Integer at = shape.index.get(key);
                JsonParser.Event valueEvent = p.next();
                if (at == null) {
                    skip(p, valueEvent);
                    continue;
                }
                if (seen[at]) {
                    throw new Refused(false, "\"" + key + "\" is given twice");
                }
                seen[at] = true;
                try {
                    values[at] = value(p, valueEvent, key, shape.types[at]);
                } catch (NumberFormatException | UnsupportedOperationException | ArithmeticException unreadable) {
                    // A number JSON-P cannot hold (anywhere in the value), or an integer out of the field's range.
                    throw new Refused(false, "\"" + key + "\" holds a number out of range");
                }
            }
            if (p.hasNext()) {
                p.next();
                throw new Refused(false, "expected one JSON object and nothing after it");
            }
            return type.cast(shape.construct(values));
        } catch (JsonParsingException | java.util.NoSuchElementException e) {
            throw new Refused(true, "not valid JSON");
        } catch (jakarta.json.JsonException e) {
            // Parsson reports some malformed input (and reading trouble) as a plain JsonException.
            throw new Refused(true, "not valid JSON");
        }
    }

    /** The JSON field name of a record component ({@code toUserId} → {@code to_user_id}). */
    static String wireName(String componentName) {
        return Shape.snakeCase(componentName);
    }

    private static Object value(JsonParser p, JsonParser.Event e, String key, Class<?> type) throws Refused {
        if (e == JsonParser.Event.VALUE_NULL) {
            if (type.isPrimitive()) {
                throw wrongType(key, type);
            }
            return null;
        }
        if (type == String.class) {
            if (e != JsonParser.Event.VALUE_STRING) {
                throw wrongType(key, type);
            }
            return p.getString();
        }
        if (type == boolean.class || type == Boolean.class) {
            if (e == JsonParser.Event.VALUE_TRUE || e == JsonParser.Event.VALUE_FALSE) {
                return e == JsonParser.Event.VALUE_TRUE;
            }
            throw wrongType(key, type);
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            if (e != JsonParser.Event.VALUE_NUMBER || !p.isIntegralNumber()) {
                throw wrongType(key, type);
            }
            long n = p.getBigDecimal().longValueExact();
            if (type == long.class || type == Long.class) {
                return n;
            }
            return Math.toIntExact(n);
        }
        if (type == JsonObject.class) {
            if (e != JsonParser.Event.START_OBJECT) {
                throw wrongType(key, type);
            }
            return p.getObject();
        }
        if (type == JsonArray.class) {
            if (e != JsonParser.Event.START_ARRAY) {
                throw wrongType(key, type);
            }
            return p.getArray();
        }
        // JsonValue: whatever came.
        return switch (e) {
            case START_OBJECT -> p.getObject();
            case START_ARRAY -> p.getArray();
            default -> p.getValue();
        };
    }

    /**
     * Whether objects and arrays nest deeper than {@code max} in {@code text}, counted outside strings as a parser
     * reads them (up to where a text that is not JSON stops being read, the parser's count is the same).
     */
    static boolean nestsDeeperThan(String text, int max) {
        if (text.length() <= max) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    /**
     * Skips the value of an unknown field, event by event. Not with {@code skipObject}/{@code skipArray}: Parsson
     * 1.1.7's loop for ever on an object or array the text ends inside ({@code {"x":[}}, found by fuzzing, issue 12),
     * where {@code next()} reports the end of the text.
     */
    private static void skip(JsonParser p, JsonParser.Event e) {
        int depth = e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY ? 1 : 0;
        while (depth > 0) {
            switch (p.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // a key or a scalar inside the skipped value
                }
            }
        }
    }

    private static Refused wrongType(String key, Class<?> type) {
        return new Refused(false, "\"" + key + "\" must be " + describe(type));
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == JsonObject.class) {
            return "an object";
        }
        if (type == JsonArray.class) {
            return "an array";
        }
        return "an integer";
    }

    /** A record's components, by wire name, and how to build one. */
    private static final class Shape {
        private final Map<String, Integer> index;
        private final Class<?>[] types;
        private final MethodHandle constructor;

        private Shape(Map<String, Integer> index, Class<?>[] types, MethodHandle constructor) {
            this.index = index;
            this.types = types;
            this.constructor = constructor;
        }

        static Shape of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            Map<String, Integer> index = new HashMap<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                index.put(snakeCase(components[i].getName()), i);
                types[i] = components[i].getType();
                if (!isSupported(types[i])) {
                    throw new IllegalArgumentException(type + "." + components[i].getName() + ": unsupported type "
                            + types[i]);
                }
            }
            try {
                MethodHandle ctor = MethodHandles.publicLookup().findConstructor(type,
                        MethodType.methodType(void.class, types));
                return new Shape(Map.copyOf(index), types, ctor.asSpreader(Object[].class, types.length));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(type + " has no public canonical constructor", e);
            }
        }

        Object[] defaults() {
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                if (types[i] == boolean.class) {
                    values[i] = false;
                } else if (types[i] == long.class) {
                    values[i] = 0L;
                } else if (types[i] == int.class) {
                    values[i] = 0;
                }
            }
            return values;
        }

        Object construct(Object[] values) {
            try {
                return constructor.invoke(values);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        private static boolean isSupported(Class<?> t) {
            return Arrays.asList(String.class, boolean.class, Boolean.class, int.class, Integer.class, long.class,
                    Long.class, JsonObject.class, JsonArray.class, JsonValue.class).contains(t);
        }

        /** JSON-B's LOWER_CASE_WITH_UNDERSCORES, as the encoders use it. */
        static String snakeCase(String name) {
            StringBuilder b = new StringBuilder(name.length() + 4);
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (Character.isUpperCase(ch)) {
                    if (i > 0) {
                        b.append('_');
                    }
                    b.append(Character.toLowerCase(ch));
                } else {
                    b.append(ch);
                }
            }
            return b.toString();
        }
    }
}
