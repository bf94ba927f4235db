package io.switchboard.devices;

import jakarta.json.JsonValue;

/** What a {@code /rooms} frame means, decided once by the {@link DeviceDecoder} (which never throws). */
public sealed interface DeviceMessage {

    /** {@code {"device_id","identity","room_id"?}}: who the device is and which room it wants. */
    record Identify(String deviceId, String identity, String roomId) implements DeviceMessage {
    }

    /** {@code {"type":"message","content",...}}: to the room, or to one device when {@code targetDeviceId} is set. */
    record Chat(JsonValue content, String targetDeviceId, JsonValue timestamp) implements DeviceMessage {
    }

    /** {@code {"type":"query_room"}}. */
    record QueryRoom() implements DeviceMessage {
    }
}
