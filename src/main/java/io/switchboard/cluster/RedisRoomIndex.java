package io.switchboard.cluster;

import io.switchboard.rooms.Room;
import io.switchboard.rooms.RoomIndex;
import io.switchboard.rooms.RoomKind;
import io.switchboard.rooms.RoomRegistry;
import io.switchboard.session.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rooms across the cluster: each node's member count per room (what a room message is published by), and every
 * room's kind and creation time (so that a device room made through one node is joined through another).
 */
@ApplicationScoped
@Typed(RedisRoomIndex.class)
public class RedisRoomIndex implements RoomIndex {
    private static final Logger LOG = Logger.getLogger(RedisRoomIndex.class.getName());

    @Inject
    RedisEngine engine;
    @Inject
    RoomRegistry rooms;

    @Override
    public void joined(Room room, Connection member) {
        change(room, 1, member);
    }

    @Override
    public void left(Room room, Connection member) {
        change(room, -1, member);
    }

    /** Devices are listed by the device index once identified; {@code /ws} members here, by connection. */
    private void change(Room room, int delta, Connection member) {
        boolean user = room.kind() == RoomKind.WS;
        engine.roomChanged(room.id(), delta, kind(room.kind()), room.createdAt().toEpochMilli(),
                        user ? member.id() : "", user ? member.userId() + "\t" + member.principal().username() + "\t"
                                + member.connectedAt().toEpochMilli() : "")
                .exceptionally(failure -> {
                    LOG.log(Level.FINE, "cluster: room index update for " + room.id() + " failed", failure);
                    return 0L;
                });
    }

    @Override
    public Optional<Known> find(String roomId) {
        try {
            String info = engine.roomInfo(roomId).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (info == null) {
                return Optional.empty();
            }
            return Optional.of(known(info));
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: looking up room " + roomId + " failed", e);
            return Optional.empty();
        }
    }

    @Override
    public boolean reserve(String roomId, RoomKind kind, Instant createdAt) {
        try {
            return engine.reserveRoom(roomId, kind(kind), createdAt.toEpochMilli()).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Redis away: a 6-character id drawn at random is unique enough to go on with.
            LOG.log(Level.FINE, "cluster: reserving room " + roomId + " failed", e);
            return true;
        }
    }

    @Override
    public Optional<List<Summary>> all() {
        try {
            List<Object> r = engine.roomList().toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Summary> all = new ArrayList<>();
            for (int i = 0; i + 2 < r.size(); i += 3) {
                Known k = known(RedisEngine.string(r.get(i + 1)));
                all.add(new Summary(RedisEngine.string(r.get(i)), k.kind(),
                        Integer.parseInt(RedisEngine.string(r.get(i + 2))), k.createdAt()));
            }
            all.sort(Comparator.comparing(Summary::roomId));
            return Optional.of(all);
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: listing rooms failed", e);
            return Optional.empty();
        }
    }

    /** {@code /ws} members from {@code P:rmem:<room>}, devices from the device index's {@code P:rm:<room>}. */
    @Override
    public Optional<List<Member>> members(String roomId, RoomKind kind) {
        try {
            Map<byte[], byte[]> raw = engine.async().hgetall(engine.key((kind == RoomKind.WS ? "rmem:" : "rm:")
                    + roomId)).toCompletableFuture().get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Member> members = new ArrayList<>();
            raw.forEach((key, value) -> {
                String[] f = RedisEngine.string(value).split("\t", -1);
                members.add(kind == RoomKind.WS
                        ? new Member(f[0], f[1], Instant.ofEpochMilli(Long.parseLong(f[2])))
                        : new Member(RedisEngine.string(key), f[0], Instant.ofEpochMilli(Long.parseLong(f[1]))));
            });
            members.sort(Comparator.comparing(Member::since).thenComparing(Member::id));
            return Optional.of(members);
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: listing the members of " + roomId + " failed", e);
            return Optional.empty();
        }
    }

    /** After Redis came back: this node's members of every room are counted and listed again. */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
        for (Room room : rooms.active()) {
            for (Connection member : room.members()) {
                change(room, 1, member);
            }
        }
    }

    /** "kind|created ms", as the room script keeps it. */
    private static Known known(String info) {
        int bar = info.indexOf('|');
        return new Known(RoomKind.valueOf(info.substring(0, bar).toUpperCase(Locale.ROOT)),
                Instant.ofEpochMilli(Long.parseLong(info.substring(bar + 1))));
    }

    private static String kind(RoomKind kind) {
        return kind.label();
    }
}
