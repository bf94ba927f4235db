package io.switchboard.devices;

import io.switchboard.json.JsonSupport;
import io.switchboard.session.MessageSize;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/** JSON-B decoder of {@code /rooms} text frames into {@link DeviceMessage}s; stateless, never throws. */
public class DeviceDecoder implements Decoder.Text<DeviceMessage> {
    static final int MAX_ID = 255;
    private int limit = Integer.MAX_VALUE;

    @Override
    public void init(EndpointConfig config) {
        limit = MessageSize.limit();
    }

    @Override
    public DeviceMessage decode(String text) {
        if (MessageSize.exceeds(text, limit)) {
            return new DeviceMessage.TooBig();
        }
        DeviceInbound in;
        try {
            in = JsonSupport.jsonb().fromJson(text, DeviceInbound.class);
        } catch (JsonbException | ClassCastException | IllegalStateException | IllegalArgumentException e) {
            return new DeviceMessage.Malformed(JsonSupport.isSyntaxError(e) ? "invalid JSON"
                    : "not a /rooms message (a JSON object, see docs/protocol-rooms.md)");
        }
        if (in == null) {
            return new DeviceMessage.Malformed("empty message");
        }
        if (in.type() == null) {
            return in.deviceId() != null || in.identity() != null ? identify(in)
                    : new DeviceMessage.Malformed("missing \"type\" (or, to identify, \"device_id\" and \"identity\")");
        }
        switch (in.type()) {
            case "message":
                if (in.content() == null || in.content().getValueType() == JsonValue.ValueType.NULL) {
                    return new DeviceMessage.Malformed("\"content\" is required");
                }
                if (in.targetDeviceId() != null && in.targetDeviceId().isBlank()) {
                    return new DeviceMessage.Malformed("\"target_device_id\" is empty");
                }
                return new DeviceMessage.Chat(in.content(), in.targetDeviceId(), nullToAbsent(in.timestamp()));
            case "query_room":
                return new DeviceMessage.QueryRoom();
            default:
                return new DeviceMessage.Malformed("unknown message type '" + JsonSupport.abbreviate(in.type()) + "'");
        }
    }

    private static DeviceMessage identify(DeviceInbound in) {
        if (in.deviceId() == null || in.deviceId().isBlank()) {
            return new DeviceMessage.Malformed("\"device_id\" is required");
        }
        if (in.identity() == null || in.identity().isBlank()) {
            return new DeviceMessage.Malformed("\"identity\" is required");
        }
        if (in.deviceId().length() > MAX_ID || in.identity().length() > MAX_ID) {
            return new DeviceMessage.Malformed("\"device_id\" and \"identity\" are at most " + MAX_ID + " characters");
        }
        String room = in.roomId() == null || in.roomId().isBlank() ? null : in.roomId();
        return new DeviceMessage.Identify(in.deviceId(), in.identity(), room);
    }

    private static JsonValue nullToAbsent(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    @Override
    public boolean willDecode(String s) {
        // Always decode: false here would drop the frame silently instead of answering with an error.
        return true;
    }
}
