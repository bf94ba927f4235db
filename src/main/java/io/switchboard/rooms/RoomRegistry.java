package io.switchboard.rooms;

import io.switchboard.session.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms and their members on this node. Joins and leaves of one room are atomic (map compute), so a room that
 * empties while someone joins is never lost with its new member in it. A {@code ws} room disappears with its
 * last member; device rooms are kept (devices come back to them).
 */
@ApplicationScoped
public class RoomRegistry {
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    @Inject
    RoomIndex index;

    /** Outcome of a join: whether the member is new, and the kind of the room it is in. */
    public record Joined(boolean newMember, Room room) {
    }

    public Joined join(String roomId, RoomKind kindIfNew, Connection member) {
        learn(roomId);
        boolean[] added = new boolean[1];
        Room room = rooms.compute(roomId, (id, r) -> {
            Room target = r == null ? new Room(id, kindIfNew, Instant.now()) : r;
            added[0] = target.mutableMembers().add(member);
            return target;
        });
        if (added[0]) {
            member.rooms().add(roomId);
            index.joined(room, member);
        }
        return new Joined(added[0], room);
    }

    /**
     * A new device room with a fresh id, the member already in it. Ids are drawn until one is free, so a device
     * room never takes the name of an existing room of either kind.
     */
    public Room createDeviceRoom(Connection member) {
        while (true) {
            String id = RoomId.random();
            Room room = new Room(id, RoomKind.DEVICE, Instant.now());
            room.mutableMembers().add(member);
            if (!rooms.containsKey(id) && index.reserve(id, RoomKind.DEVICE, room.createdAt())
                    && rooms.putIfAbsent(id, room) == null) {
                member.rooms().add(id);
                index.joined(room, member);
                return room;
            }
        }
    }

    /**
     * Joins an existing room of the given kind; empty when there is no such room (or it is of the other kind:
     * users and devices never share a room, docs/protocol-rooms.md).
     */
    public Optional<Joined> joinExisting(String roomId, RoomKind kind, Connection member) {
        learn(roomId);
        boolean[] added = new boolean[1];
        Room room = rooms.computeIfPresent(roomId, (id, r) -> {
            if (r.kind() == kind) {
                added[0] = r.mutableMembers().add(member);
            }
            return r;
        });
        if (room == null || room.kind() != kind) {
            return Optional.empty();
        }
        if (added[0]) {
            member.rooms().add(roomId);
            index.joined(room, member);
        }
        return Optional.of(new Joined(added[0], room));
    }

    /** A room made through another node of the cluster, perhaps: known here from now on, with its kind. */
    private void learn(String roomId) {
        if (!rooms.containsKey(roomId)) {
            index.find(roomId).ifPresent(k -> rooms.putIfAbsent(roomId, new Room(roomId, k.kind(), k.createdAt())));
        }
    }

    /** A device room known from the database (rooms outlive restarts); nothing happens if the id is taken. */
    public void restore(String roomId, Instant createdAt) {
        rooms.putIfAbsent(roomId, new Room(roomId, RoomKind.DEVICE, createdAt == null ? Instant.now() : createdAt));
    }

    /** Rooms with at least one member. */
    public List<Room> active() {
        List<Room> out = new ArrayList<>();
        for (Room r : list()) {
            if (!r.members().isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return true when the connection was a member */
    public boolean leave(String roomId, Connection member) {
        boolean[] removed = new boolean[1];
        Room[] from = new Room[1];
        rooms.computeIfPresent(roomId, (id, r) -> {
            removed[0] = r.mutableMembers().remove(member);
            from[0] = r;
            return r.members().isEmpty() && r.kind() == RoomKind.WS ? null : r;
        });
        member.rooms().remove(roomId);
        if (removed[0]) {
            index.left(from[0], member);
        }
        return removed[0];
    }

    /** Like {@link #find}, also for a room made through another node of the cluster (one round trip). */
    public Optional<Room> lookup(String roomId) {
        learn(roomId);
        return find(roomId);
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    public boolean isMember(String roomId, Connection c) {
        Room r = rooms.get(roomId);
        return r != null && r.members().contains(c);
    }

    /** All rooms, ordered by id so that pages are stable. */
    public List<Room> list() {
        List<Room> all = new ArrayList<>(rooms.values());
        all.sort(Comparator.comparing(Room::id));
        return all;
    }

    public int count() {
        return rooms.size();
    }
}
