package io.switchboard.ws;

import jakarta.json.JsonObject;

/**
 * The {@code /ws} envelope (SPEC §4), both directions. {@code data} is the application's own object and is
 * passed through untouched; the server fills in {@code from_user_id}, {@code timestamp} and a missing {@code id}.
 */
public record WsMessage(
        String id,
        String messageType,
        JsonObject data,
        String timestamp,
        String fromUserId,
        String toUserId,
        String room) {

    /**
     * By id only (still consistent with the record's equals): Yasson hashes every object it serialises to detect
     * cycles, and the generated hashCode would walk the whole {@code data} tree on every encode.
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }
}
