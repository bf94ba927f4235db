package io.switchboard.ws;

/** The documented {@code data.code} values of {@code /ws} error frames (docs/protocol-ws.md). */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    BAD_MESSAGE("bad_message"),
    UNKNOWN_TYPE("unknown_type"),
    TOO_BIG("too_big"),
    USER_OFFLINE("user_offline"),
    NOT_MEMBER("not_member"),
    RATE_LIMITED("rate_limited"),
    UNSUPPORTED_BINARY("unsupported_binary"),
    REFRESH_FAILED("refresh_failed"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
