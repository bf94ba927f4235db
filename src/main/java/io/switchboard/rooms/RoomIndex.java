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

    /** A room of the hub with its members on every node (the admin API's list). */
    record Summary(String roomId, RoomKind kind, int members, Instant createdAt) {
    }

    /** A member as the admin API shows it: a user by id and name, a device by id and identity. */
    record Member(String id, String name, Instant since) {
    }

    void joined(Room room, Connection member);

    void left(Room room, Connection member);

    /** A room this node has no entry for, made elsewhere in the hub; empty when there is none. */
    Optional<Known> find(String roomId);

    /** Takes a fresh room id for the whole hub; false when another node has it. */
    boolean reserve(String roomId, RoomKind kind, Instant createdAt);

    /** Every room of the hub; empty when this node's registry is the whole picture (one node). */
    Optional<java.util.List<Summary>> all();

    /** A room's members on every node; empty when this node's registry is the whole picture. */
    Optional<java.util.List<Member>> members(String roomId, RoomKind kind);

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

        @Override
        public Optional<java.util.List<Summary>> all() {
            return Optional.empty();
        }

        @Override
        public Optional<java.util.List<Member>> members(String roomId, RoomKind kind) {
            return Optional.empty();
        }
    };
}
