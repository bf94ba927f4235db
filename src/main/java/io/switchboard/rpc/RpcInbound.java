package io.switchboard.rpc;

import jakarta.json.JsonValue;

/** A well-formed {@code /rpc} request with a known action, as the {@link RpcDecoder} hands it to the {@link RpcHub}. */
public record RpcInbound(JsonValue id, RpcAction action, JsonValue payload) {
}
