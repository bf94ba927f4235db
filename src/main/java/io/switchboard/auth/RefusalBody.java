package io.switchboard.auth;

import io.switchboard.json.JsonSupport;

import java.util.Map;

/**
 * The JSON body of a handshake refused with HTTP 401/403/429, in the admin API's error shape:
 * {@code {"error":"unauthorized"|"forbidden"|"too_many_handshakes"|"too_many_connections","message":...}}. The standalone server's Grizzly filter and the WAR's
 * servlet filter both answer with it, so a refused client reads the same thing everywhere.
 */
public record RefusalBody(String error, String message) {

    public static RefusalBody of(TokenCheck.Refused refused) {
        String error = switch (refused.reason()) {
            case FORBIDDEN_ORIGIN -> "forbidden";
            case TOO_MANY_HANDSHAKES -> "too_many_handshakes";
            case TOO_MANY_CONNECTIONS -> "too_many_connections";
            case MISSING, INVALID, EXPIRED, REVOKED, BLOCKED -> "unauthorized";
        };
        return new RefusalBody(error, refused.message());
    }

    /**
     * The headers a refused handshake answers with besides its body, the same in both handshake guards: how to
     * authenticate (401), and when to try again (429: the handshake rate refills within a second, a user's place
     * frees when one of the user's connections closes; 503: the server is full or stopping).
     */
    public static Map<String, String> headers(int status) {
        return switch (status) {
            case 401 -> Map.of("WWW-Authenticate", "Bearer");
            case 429 -> Map.of("Retry-After", "1");
            case 503 -> Map.of("Retry-After", "5");
            default -> Map.of();
        };
    }

    public static String json(TokenCheck.Refused refused) {
        return JsonSupport.write(of(refused));
    }
}
