package io.switchboard.relay;

/**
 * The {@code message_type}s the server itself understands or sends on {@code /relay}. Any other value (or none,
 * after registration) is the application's own and is relayed to the partner untouched.
 */
public enum RelayMessageType {
    /** Registration; also assumed when {@code message_type} is absent on the first message. */
    INIT("init"),
    INIT_ACK("init_ack"),
    HEARTBEAT("heartbeat"),
    DISCONNECT("disconnect"),
    ERROR("error");

    /** The wire name of the server's own receiver ({@code receiver_type}) and sender ({@code sender_type}). */
    public static final String SERVER = "server";

    private final String wire;

    RelayMessageType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean is(String messageType) {
        return wire.equals(messageType);
    }

    /** Types only the server sends: a client may not put them on the wire to its partner. */
    public static boolean isServerOnly(String messageType) {
        return INIT_ACK.is(messageType) || DISCONNECT.is(messageType) || ERROR.is(messageType);
    }
}
