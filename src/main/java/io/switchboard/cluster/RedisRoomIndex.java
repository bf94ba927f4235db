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
        change(room, 1);
    }

    @Override
    public void left(Room room, Connection member) {
        change(room, -1);
    }

    private void change(Room room, int delta) {
        engine.roomChanged(room.id(), delta, kind(room.kind()), room.createdAt().toEpochMilli())
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
            int bar = info.indexOf('|');
            return Optional.of(new Known(RoomKind.valueOf(info.substring(0, bar).toUpperCase(Locale.ROOT)),
                    Instant.ofEpochMilli(Long.parseLong(info.substring(bar + 1)))));
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

    /** After Redis came back: this node's members of every room are counted again. */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
        for (Room room : rooms.active()) {
            engine.roomChanged(room.id(), room.members().size(), kind(room.kind()), room.createdAt().toEpochMilli());
        }
    }

    private static String kind(RoomKind kind) {
        return kind.label();
    }
}
