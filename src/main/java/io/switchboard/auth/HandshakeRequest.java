package io.switchboard.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an upgrade request tells us, independent of the container: the WebSocket Configurator and the WAR's
 * servlet filter both build one and hand it to {@link HandshakeCheck}.
 */
public record HandshakeRequest(String path, Map<String, List<String>> headers, Map<String, List<String>> params) {

    public Optional<String> header(String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.ofNullable(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** Every value of a header, in order, whatever the case of its name (a header may come in several lines). */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                values.addAll(e.getValue());
            }
        }
        return values;
    }

    /** The token: {@code ?token=} (browsers cannot set headers on a WebSocket) or {@code Authorization: Bearer}. */
    public Optional<String> token() {
        List<String> fromQuery = params.get("token");
        if (fromQuery != null && !fromQuery.isEmpty() && !fromQuery.get(0).isBlank()) {
            return Optional.of(fromQuery.get(0));
        }
        return header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }

    /** Query parameters of a raw query string (for filters that see the request before the WebSocket API). */
    public static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
