package io.switchboard.rpc;

/** The documented {@code error.code} values of {@code /rpc} responses (docs/protocol-rpc.md). */
public enum RpcErrorCode {
    /** The frame is not JSON. */
    BAD_JSON("bad_json"),
    /** JSON, but not a request: not an object, {@code type} not "request", {@code id} missing or not a string/number. */
    BAD_REQUEST("bad_request"),
    /** {@code action} missing or not one of echo, broadcast, get_connections. */
    UNKNOWN_ACTION("unknown_action"),
    /** The action's {@code payload} lacks what it needs (e.g. {@code payload.message}). */
    INVALID_PAYLOAD("invalid_payload"),
    /** A binary frame: {@code /rpc} speaks JSON text only. */
    UNSUPPORTED_BINARY("unsupported_binary"),
    /** Over SWITCHBOARD_RATE_LIMIT: the request was dropped, unanswered otherwise (docs/configuration.md). */
    RATE_LIMITED("rate_limited");

    private final String wire;

    RpcErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
