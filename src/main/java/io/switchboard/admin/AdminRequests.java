package io.switchboard.admin;

import io.switchboard.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;

/**
 * Request bodies of the admin API, decoded here rather than by the JAX-RS provider so that Jersey and RESTEasy
 * answer bad JSON with the same 400 and the same message.
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

    static <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = JsonSupport.read(body, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required");
            }
            return value;
        } catch (JsonbException | ClassCastException e) {
            throw ApiException.badRequest("the body is not a valid JSON object of the expected shape");
        }
    }
}
