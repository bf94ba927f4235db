package io.switchboard.admin;

import io.switchboard.json.StrictJson;
import jakarta.json.JsonObject;

/**
 * Request bodies of the admin API, decoded here rather than by the JAX-RS provider so that Jersey and RESTEasy
 * answer bad JSON with the same 400 and the same message, and so that nothing is converted ({@link StrictJson}).
 */
public final class AdminRequests {
    private AdminRequests() {
    }

    /** {@code POST /ws/send}. */
    public record Send(String toUserId, String messageType, JsonObject data) {
    }

    /** {@code POST /ws/broadcast}. */
    public record Broadcast(String messageType, JsonObject data) {
    }

    /** {@code POST /ws/revoke}. */
    public record Revoke(String jti) {
    }

    /** A body bound strictly (SPEC §13): a number where a string belongs is a 400, never converted. */
    static <T extends Record> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            return StrictJson.read(body, type);
        } catch (StrictJson.Refused e) {
            throw ApiException.badRequest(e.isSyntaxError() ? "the body is not valid JSON"
                    : "the body is not the expected JSON object: " + e.getMessage());
        }
    }
}
