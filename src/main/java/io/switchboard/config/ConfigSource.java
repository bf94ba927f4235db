package io.switchboard.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: environment variables, overridden by system properties of the same name in lower
 * case with dots ({@code SWITCHBOARD_PORT} or {@code -Dswitchboard.port}). Tests build one from a plain map.
 */
public final class ConfigSource {
    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static ConfigSource fromEnvironment() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> merged.put(toVariableName(k.toString()), v.toString()));
        return new ConfigSource(merged);
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(values);
    }

    /** A copy with some values replaced (the development mode adds its generated secret this way). */
    public ConfigSource with(String name, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(name, value);
        return new ConfigSource(copy);
    }

    /** The value, or empty when unset or blank: an empty variable means "use the default". */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static String toVariableName(String property) {
        return property.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
