package io.switchboard.rpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** What the server sends on {@code /rpc}: responses to requests and notifications. */
public sealed interface RpcOutbound {

    /** {@code {"id","type":"response","data"}} or, on failure, {@code {"id","type":"response","error"}}. */
    record Response(JsonValue id, String type, JsonObject data, Error error) implements RpcOutbound {
        public static Response ok(JsonValue id, JsonObject data) {
            return new Response(id, "response", data, null);
        }

        /** An error response; an unknown id is sent as {@code "id": null}. */
        public static Response failed(JsonValue id, RpcErrorCode code, String message) {
            return new Response(id == null ? JsonValue.NULL : id, "response", null, new Error(code.wire(), message));
        }
    }

    /** {@code {"code","message"}} of a failed request. */
    record Error(String code, String message) {
    }

    /** {@code {"type":"notification","data":{"event",...}}}. */
    record Notification(String type, JsonObject data) implements RpcOutbound {
        public static Notification of(JsonObject data) {
            return new Notification("notification", data);
        }
    }
}
