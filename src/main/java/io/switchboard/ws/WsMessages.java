package io.switchboard.ws;

import io.switchboard.session.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Builds the server's own {@code /ws} messages and encodes them into frames. */
public final class WsMessages {
    private static final WsEncoder ENCODER = new WsEncoder();

    private WsMessages() {
    }

    public static String now() {
        return stamp().toString();
    }

    /** The server's time for a message, to the millisecond, as {@link #now()} writes it. */
    public static Instant stamp() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static Frame frame(WsMessage m) {
        return Frame.text(ENCODER.encode(m));
    }

    public static WsMessage event(MessageType type, JsonObject data) {
        return new WsMessage(newId(), type.wire(), data, now(), null, null, null);
    }

    public static WsMessage reply(String id, MessageType type, JsonObject data) {
        return new WsMessage(id == null ? newId() : id, type.wire(), data, now(), null, null, null);
    }

    public static WsMessage error(ErrorCode code, String message, String offendingId) {
        return error(code, message, offendingId, Json.createObjectBuilder());
    }

    /** An error with extra fields in {@code data} (e.g. {@code queued} of {@code user_offline}). */
    public static WsMessage error(ErrorCode code, String message, String offendingId, JsonObjectBuilder extra) {
        JsonObject data = extra.add("code", code.wire()).add("message", message).build();
        return reply(offendingId, MessageType.ERROR, data);
    }

    /** {@code user_joined}/{@code user_left}: {@code data.user_id}, {@code data.username}, and the room if any. */
    public static WsMessage presence(MessageType type, String userId, String username, String room) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("user_id", userId).add("username", username);
        if (room != null) {
            b.add("room", room);
        }
        return event(type, b.build());
    }
}
