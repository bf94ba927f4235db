package io.switchboard.rooms;

import java.util.Locale;

/** {@code ws}: rooms users join on {@code /ws}; {@code device}: rooms of {@code /rooms} devices. */
public enum RoomKind {
    WS, DEVICE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
