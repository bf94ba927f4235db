package io.switchboard.relay;

import io.switchboard.session.Connection;

import java.util.Optional;

/**
 * A {@code /relay} connection: its last sign of life, and once it has sent {@code init}, the group and side it
 * holds. Registration and departure are synchronized on the peer so that a heartbeat timeout and a late
 * {@code init} cannot leave a slot held by a connection that is gone.
 */
public final class RelayPeer extends LivenessTable.Tracked {
    private final Connection connection;
    private Registration registration;
    private boolean gone;

    /** The group and side a peer holds. */
    public record Registration(String groupId, PeerType type) {
        /** The device id a token must name (SPEC §3): {@code <group_id>:<sender_type>} (or the group id). */
        public String deviceId() {
            return groupId + ":" + type.wire();
        }
    }

    RelayPeer(Connection connection, long nowNanos) {
        super(nowNanos);
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public synchronized Optional<Registration> registration() {
        return Optional.ofNullable(registration);
    }

    synchronized void register(Registration r) {
        this.registration = r;
    }

    /** Marks the peer gone; true the first time only (a close after a timeout is not a second departure). */
    synchronized boolean depart() {
        if (gone) {
            return false;
        }
        gone = true;
        return true;
    }

    synchronized boolean isGone() {
        return gone;
    }
}
