package io.switchboard.devices;

import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.GuardedDecoder;
import io.switchboard.json.JsonSupport;
import jakarta.json.JsonValue;

/** {@code /rooms} text frames into {@link DeviceMessage}s (seed 002: identity, message, query_room). */
public class DeviceDecoder extends GuardedDecoder<DeviceInbound, DeviceMessage> {
    static final int MAX_ID = 255;

    public DeviceDecoder() {
        super(DeviceInbound.class);
    }

    @Override
    protected Decoded<DeviceMessage> interpret(DeviceInbound in, String text) {
        if (in.type() == null) {
            return in.deviceId() != null || in.identity() != null ? identify(in)
                    : invalid("missing \"type\" (or, to identify, \"device_id\" and \"identity\")", null);
        }
        switch (in.type()) {
            case "message":
                if (in.content() == null || in.content().getValueType() == JsonValue.ValueType.NULL) {
                    return invalid("\"content\" is required", null);
                }
                if (in.targetDeviceId() != null && in.targetDeviceId().isBlank()) {
                    return invalid("\"target_device_id\" is empty", null);
                }
                return message(new DeviceMessage.Chat(in.content(), in.targetDeviceId(), in.timestamp()));
            case "query_room":
                return message(new DeviceMessage.QueryRoom());
            default:
                return unknownType("unknown message type '" + JsonSupport.abbreviate(in.type()) + "'", null);
        }
    }

    @Override
    protected String shapeError(String detail) {
        return "not a /rooms message: " + detail + " (see docs/protocol-rooms.md)";
    }

    private static Decoded<DeviceMessage> identify(DeviceInbound in) {
        if (in.deviceId() == null || in.deviceId().isBlank()) {
            return invalid("\"device_id\" is required", null);
        }
        if (in.identity() == null || in.identity().isBlank()) {
            return invalid("\"identity\" is required", null);
        }
        if (in.deviceId().length() > MAX_ID || in.identity().length() > MAX_ID) {
            return invalid("\"device_id\" and \"identity\" are at most " + MAX_ID + " characters", null);
        }
        String room = in.roomId() == null || in.roomId().isBlank() ? null : in.roomId();
        return message(new DeviceMessage.Identify(in.deviceId(), in.identity(), room));
    }
}
