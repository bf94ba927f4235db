package io.switchboard.store;

import java.time.Instant;
import java.util.List;

/**
 * What the database remembers of device rooms and devices, read once when the store becomes ready (a CDI
 * event): rooms outlive their devices and restarts, so a device can come back to its room.
 */
public record StoredState(List<StoredRoom> rooms, List<StoredDevice> devices) {

    public record StoredRoom(String roomId, Instant createdAt) {
    }

    public record StoredDevice(String deviceId, String identity, String lastRoomId, Instant lastConnectedAt) {
    }
}
