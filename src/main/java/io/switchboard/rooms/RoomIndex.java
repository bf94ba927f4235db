package io.switchboard.rooms;

import io.switchboard.session.Connection;

import java.time.Instant;
import java.util.Optional;

/**
 * What the rest of the hub knows of this node's rooms: on one node nothing (the {@link RoomRegistry} is all); on a
 * cluster, which nodes have members of each room (so that a room message reaches them) and which rooms exist (so
 * that a device room made through one node can be joined through another).
 */
public interface RoomIndex {

    /** A room as the hub knows it: enough to join it here. */
    record Known(RoomKind kind, Instant createdAt) {
    }

    void joined(Room room, Connection member);

    void left(Room room, Connection member);

    /** A room this node has no entry for, made elsewhere in the hub; empty when there is none. */
    Optional<Known> find(String roomId);

    /** Takes a fresh room id for the whole hub; false when another node has it. */
    boolean reserve(String roomId, RoomKind kind, Instant createdAt);

    /** One node: nothing to tell anyone. */
    RoomIndex LOCAL = new RoomIndex() {
        @Override
        public void joined(Room room, Connection member) {
        }

        @Override
        public void left(Room room, Connection member) {
        }

        @Override
        public Optional<Known> find(String roomId) {
            return Optional.empty();
        }

        @Override
        public boolean reserve(String roomId, RoomKind kind, Instant createdAt) {
            return true;
        }
    };
}
