package io.switchboard.devices;

import io.switchboard.session.Connection;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A device on a connection, from an accepted identity message until the connection closes (or is replaced):
 * one row of the {@code connections} table ({@code uid}). {@code roomId} is null after {@code room_not_found}.
 */
final class DeviceSession {
    private final Connection connection;
    private final String deviceId;
    private final String identity;
    private final String roomId;
    private final String uid;
    private final Instant since;
    private final AtomicBoolean ended = new AtomicBoolean();

    DeviceSession(Connection connection, String deviceId, String identity, String roomId, String uid, Instant since) {
        this.connection = connection;
        this.deviceId = deviceId;
        this.identity = identity;
        this.roomId = roomId;
        this.uid = uid;
        this.since = since;
    }

    Connection connection() {
        return connection;
    }

    String deviceId() {
        return deviceId;
    }

    String identity() {
        return identity;
    }

    String roomId() {
        return roomId;
    }

    boolean inRoom() {
        return roomId != null;
    }

    String uid() {
        return uid;
    }

    Instant since() {
        return since;
    }

    /** True exactly once: the caller records the end. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
