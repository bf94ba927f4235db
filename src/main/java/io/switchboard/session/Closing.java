package io.switchboard.session;

/** The close codes of SPEC §12, each with the short reason sent along. */
public enum Closing {
    NORMAL(1000, "bye"),
    SHUTTING_DOWN(1001, "server shutting down"),
    BAD_DATA(1007, "invalid UTF-8"),
    TOKEN_EXPIRED(1008, "token expired"),
    TOKEN_REVOKED(1008, "token revoked"),
    USER_BLOCKED(1008, "user blocked"),
    UNAUTHORIZED(1008, "unauthorized"),
    TOO_MANY_ERRORS(1008, "too many errors"),
    REPLACED(1008, "replaced"),
    SLOT_TAKEN(1008, "slot taken"),
    /** Over SWITCHBOARD_MAX_CONNECTIONS_PER_USER where the handshake could not be refused with 429 (a race). */
    TOO_MANY_CONNECTIONS(1008, "too many connections"),
    TOO_BIG(1009, "message too big"),
    INTERNAL(1011, "internal error"),
    /** A write to the client failed: the connection is broken, whatever code we send will not arrive. */
    SEND_FAILED(1011, "send failed"),
    SLOW_CONSUMER(1013, "slow consumer"),
    SERVER_FULL(1013, "server full"),
    HEARTBEAT_TIMEOUT(4408, "heartbeat timeout"),
    /** The keepalive's WebSocket ping went unanswered (SWITCHBOARD_PING_INTERVAL). */
    PING_TIMEOUT(4408, "ping timeout"),
    CLEANUP(1000, "closed by administrator");

    private final int code;
    private final String reason;

    Closing(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
