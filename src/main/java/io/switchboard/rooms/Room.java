package io.switchboard.rooms;

import io.switchboard.session.Connection;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A room and its members (connections): one model for {@code /ws} rooms and {@code /rooms} device rooms. */
public final class Room {
    private final String id;
    private final RoomKind kind;
    private final Instant createdAt;
    private final Set<Connection> members = ConcurrentHashMap.newKeySet();

    Room(String id, RoomKind kind, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public RoomKind kind() {
        return kind;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** A live view: safe to iterate while members come and go. */
    public Set<Connection> members() {
        return members;
    }

    Set<Connection> mutableMembers() {
        return members;
    }
}
