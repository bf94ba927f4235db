package io.switchboard.auth;

import io.switchboard.json.JsonSupport;

import java.util.Map;

/**
 * An upgrade request refused for its form (RFC 6455 §4.2.1), before any token is looked at: HTTP 400, or 426 for a
 * protocol version other than 13, answered with the {@link RefusalBody} shape of every other refused handshake.
 */
public record UpgradeRefusal(Kind kind, String message) {

    public enum Kind {
        /** Not a valid opening handshake. */
        BAD_REQUEST(400, "bad_request"),
        /** A WebSocket version this server does not speak: the client learns the one it does (RFC 6455 §4.4). */
        UNSUPPORTED_VERSION(426, "upgrade_required");

        private final int status;
        private final String error;

        Kind(int status, String error) {
            this.status = status;
            this.error = error;
        }
    }

    public int status() {
        return kind.status;
    }

    /** Headers the answer must carry besides the body's. */
    public Map<String, String> headers() {
        return kind == Kind.UNSUPPORTED_VERSION ? Map.of("Sec-WebSocket-Version", UpgradeRules.VERSION) : Map.of();
    }

    public String json() {
        return JsonSupport.write(new RefusalBody(kind.error, message));
    }
}
