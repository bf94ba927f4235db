package io.switchboard.rpc;

import jakarta.json.JsonValue;

/**
 * A client's request (seed 001): {@code {"id","type":"request","action","payload"}}. The {@code id} is kept as the
 * JSON value it came as (a string or a number) so that the response carries exactly the same one.
 */
public record RpcRequest(JsonValue id, String type, String action, JsonValue payload) {
}
