package io.switchboard.ws;

import java.util.Optional;

/** The {@code message_type}s of {@code /ws} (seed 003, plus rooms and token refresh). */
public enum MessageType {
    TEXT("text", true),
    NOTIFICATION("notification", true),
    SYSTEM_MESSAGE("system_message", false),
    PING("ping", true),
    PONG("pong", true),
    USER_JOINED("user_joined", false),
    USER_LEFT("user_left", false),
    ERROR("error", false),
    JOIN("join", true),
    LEAVE("leave", true),
    REFRESH("refresh", true);

    private final String wire;
    private final boolean fromClients;

    MessageType(String wire, boolean fromClients) {
        this.wire = wire;
        this.fromClients = fromClients;
    }

    public String wire() {
        return wire;
    }

    /** Whether a client may send it; the others are the server's own. */
    public boolean fromClients() {
        return fromClients;
    }

    public static Optional<MessageType> fromWire(String s) {
        for (MessageType t : values()) {
            if (t.wire.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
