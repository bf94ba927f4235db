package io.switchboard.relay;

import java.util.Optional;

/** The two sides of a relay group (seed 000): one center and one local device per group. */
public enum PeerType {
    CENTER("center"), LOCAL("local");

    private final String wire;

    PeerType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The other side: what a {@code receiver_type} must name for a message to be relayed. */
    public PeerType partner() {
        return this == CENTER ? LOCAL : CENTER;
    }

    public static Optional<PeerType> fromWire(String s) {
        for (PeerType t : values()) {
            if (t.wire.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
