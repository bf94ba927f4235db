package io.switchboard.client;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * A message from the server, as the {@code /ws} envelope has it (docs/protocol-ws.md). Fields the message does not
 * carry are {@code null}; {@link #json()} is the text as received.
 */
public record ClientMessage(String id, String type, String fromUserId, String toUserId, String room,
                            JsonObject data, String timestamp, String json) {

    static ClientMessage parse(String text) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        JsonValue data = o.get("data");
        return new ClientMessage(string(o, "id"), string(o, "message_type"), string(o, "from_user_id"),
                string(o, "to_user_id"), string(o, "room"),
                data instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT, string(o, "timestamp"), text);
    }

    private static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(name) : v.toString();
    }

    /** {@code data.event} of a {@code system_message} ({@code joined}, {@code refreshed}, ...), else {@code null}. */
    public String event() {
        return data.containsKey("event") && data.get("event").getValueType() == JsonValue.ValueType.STRING
                ? data.getString("event") : null;
    }
}
