package io.switchboard.rpc;

import jakarta.json.JsonValue;

/**
 * What the decoder makes of a {@code /rpc} text frame: a request with a known action, or the reason it is not
 * one (with the request's id where it could be read). Decoding never throws.
 */
public sealed interface RpcInbound {

    record Request(JsonValue id, RpcAction action, JsonValue payload) implements RpcInbound {
    }

    record Malformed(JsonValue id, RpcErrorCode code, String message) implements RpcInbound {
    }

    /** Over SWITCHBOARD_MAX_MESSAGE_BYTES: the connection is closed with 1009 (see {@code MessageSize}). */
    record TooBig() implements RpcInbound {
    }
}
