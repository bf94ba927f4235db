package io.switchboard.devices;

import java.util.Locale;

/** How an identity message was answered: the {@code status} of the {@code room} reply (seed 002). */
public enum RoomStatus {
    CREATED_NEW, JOINED_EXISTING, RECONNECTED, ROOM_NOT_FOUND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
