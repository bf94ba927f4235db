package io.switchboard.devices;

import jakarta.json.JsonValue;

/**
 * A {@code /rooms} text frame as JSON-B reads it (seed 002, all message shapes in one): the identity message
 * has no {@code type}; {@code content} and {@code timestamp} are passed on as the client wrote them.
 */
public record DeviceInbound(
        String type,
        String deviceId,
        String identity,
        String roomId,
        JsonValue content,
        String targetDeviceId,
        JsonValue timestamp) {
}
