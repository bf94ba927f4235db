package io.switchboard.devices;

import io.switchboard.cluster.ClusterEvents;
import io.switchboard.endpoint.BadInput;
import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.EndpointHub;
import io.switchboard.rooms.Room;
import io.switchboard.rooms.RoomKind;
import io.switchboard.rooms.RoomRegistry;
import io.switchboard.routing.Address;
import io.switchboard.routing.Claim;
import io.switchboard.routing.Router;
import io.switchboard.session.CloseSteps;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import io.switchboard.session.Shutdown;
import io.switchboard.store.Store;
import io.switchboard.store.StoreRecord;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The core of {@code /rooms} (SPEC §5, §12, seed 002): identity and room assignment, room broadcasts, direct
 * messages and room queries. Deliveries go through the {@link Router}; facts go to the {@link Store}'s buffer;
 * nothing here waits for a receiver or the database.
 */
@ApplicationScoped
public class DeviceHub implements EndpointHub<DeviceMessage> {
    private static final Logger LOG = Logger.getLogger(DeviceHub.class.getName());

    @Inject
    Membership membership;
    @Inject
    DeviceRegistry devices;
    @Inject
    RoomRegistry rooms;
    @Inject
    Router router;
    @Inject
    Store store;
    @Inject
    DeviceIndex deviceIndex;

    @Override
    public void open(Connection c) {
        membership.open(c);
    }

    @Override
    public void close(Connection c) {
        CloseSteps.runAll(() -> {
            DeviceSession s = devices.ofConnection(c.id());
            if (s != null) {
                end(s, Instant.now());
            }
        }, () -> List.copyOf(c.rooms()).forEach(room -> rooms.leave(room, c)), () -> membership.close(c));
    }

    @Override
    public void handle(Connection c, DeviceMessage message) {
        if (message instanceof DeviceMessage.Identify id) {
            identify(c, id);
        } else {
            DeviceSession s = devices.ofConnection(c.id());
            if (s == null) {
                error(c, "identify first: {\"device_id\": \"...\", \"identity\": \"...\"}");
            } else if (!s.inRoom()) {
                error(c, "not in a room");
            } else if (message instanceof DeviceMessage.Chat chat) {
                chat(s, chat);
            } else {
                query(s);
            }
        }
    }

    @Override
    public void refuse(Connection c, Decoded.Bad<DeviceMessage> bad) {
        error(c, bad.problem() == BadInput.SYNTAX ? "invalid JSON" : bad.reason());
    }

    @Override
    public void binary(Connection c, ByteBuffer data) {
        error(c, "binary frames are not supported on /rooms: send JSON text");
    }

    private void identify(Connection c, DeviceMessage.Identify m) {
        DeviceSession current = devices.ofConnection(c.id());
        if (current != null && current.inRoom()) {
            error(c, "already in room " + current.roomId() + " as " + current.deviceId()
                    + "; connect again to change rooms");
            return;
        }
        if (!c.principal().mayActAsDevice(m.deviceId())) {
            error(c, "device_id '" + m.deviceId() + "' does not match the token");
            c.close(Closing.UNAUTHORIZED);
            return;
        }
        Instant now = Instant.now();
        if (current != null) {
            end(current, now);
        }
        String lastRoom = devices.known(m.deviceId()).map(DeviceRegistry.KnownDevice::lastRoomId).orElse(null);
        // The same device on another connection, wherever it is: that one is replaced, and (when it is on this
        // node) leaves its room before we join.
        DeviceSession older = router.claim(deviceAddress(m.deviceId()), c, Claim.Policy.TAKE_OVER).previousHolder()
                .map(previous -> replace(previous, m.deviceId(), now)).orElse(null);
        RoomStatus status;
        String roomId;
        if (m.roomId() != null) {
            boolean joined = rooms.joinExisting(m.roomId(), RoomKind.DEVICE, c).isPresent();
            status = joined ? RoomStatus.JOINED_EXISTING : RoomStatus.ROOM_NOT_FOUND;
            roomId = joined ? m.roomId() : null;
        } else if (lastRoom != null && rooms.joinExisting(lastRoom, RoomKind.DEVICE, c).isPresent()) {
            status = RoomStatus.RECONNECTED;
            roomId = lastRoom;
        } else {
            Room room = rooms.createDeviceRoom(c);
            store.record(new StoreRecord.RoomCreated(room.id(), room.createdAt()));
            status = RoomStatus.CREATED_NEW;
            roomId = room.id();
        }
        DeviceSession s = new DeviceSession(c, m.deviceId(), m.identity(), roomId, StoreRecord.newUid(), now);
        DeviceSession raced = devices.bind(s);
        if (raced != null && raced != older) {
            // Another connection of the same device identified at this very moment: the later one stays.
            end(raced, now);
            raced.connection().close(Closing.REPLACED);
        }
        if (roomId != null) {
            router.claim(placeInRoom(roomId, m.deviceId()), c, Claim.Policy.TAKE_OVER);
            deviceIndex.entered(roomId, m.deviceId(), m.identity());
        }
        String remembered = roomId != null ? roomId : lastRoom;
        devices.remember(s, remembered);
        store.record(new StoreRecord.DeviceSeen(m.deviceId(), m.identity(), remembered, now));
        store.record(new StoreRecord.ConnectionOpened(s.uid(), m.deviceId(), roomId, c.remoteAddress(),
                store.nodeId(), now));
        router.reply(c, DeviceEncoder.frame(DeviceReply.Connected.INSTANCE));
        router.reply(c, DeviceEncoder.frame(new DeviceReply.RoomAssigned(roomId != null ? roomId : m.roomId(),
                status)));
        LOG.fine(() -> "device " + m.deviceId() + " (" + m.identity() + ") from " + c.remoteAddress() + ": "
                + status.wire() + " " + (roomId != null ? roomId : m.roomId()));
    }

    private void chat(DeviceSession s, DeviceMessage.Chat m) {
        Instant now = Instant.now();
        JsonValue timestamp = m.timestamp() != null ? m.timestamp()
                : Json.createValue(now.truncatedTo(ChronoUnit.MILLIS).toString());
        String content = m.content() instanceof JsonString str ? str.getString() : m.content().toString();
        // Recorded before it is delivered, so that a reply can never be stored ahead of what it answers.
        if (m.targetDeviceId() == null) {
            store.record(StoreRecord.deviceMessage(s.roomId(), s.deviceId(), null, content, now));
            router.toRoom(s.roomId(), DeviceEncoder.frame(new DeviceReply.Relayed(m.content(), s.deviceId(), false,
                    timestamp)), s.connection().id());
            return;
        }
        Address target = placeInRoom(s.roomId(), m.targetDeviceId());
        if (!router.isClaimed(target)) {
            notInRoom(s, m.targetDeviceId());
            return;
        }
        store.record(StoreRecord.deviceMessage(s.roomId(), s.deviceId(), m.targetDeviceId(), content, now));
        router.toAddress(target, DeviceEncoder.frame(new DeviceReply.Relayed(m.content(), s.deviceId(), true,
                timestamp))).thenAccept(published -> {
                    if (!published.reachedAnyone()) {
                        notInRoom(s, m.targetDeviceId());
                    }
                });
    }

    private void notInRoom(DeviceSession s, String deviceId) {
        error(s.connection(), "device '" + deviceId + "' is not in room " + s.roomId());
    }

    /** Ends the older connection of a device that connected again: here at once, on another node by the bus. */
    private DeviceSession replace(String previousConnection, String deviceId, Instant now) {
        DeviceSession older = devices.ofConnection(previousConnection);
        if (older == null) {
            router.close(previousConnection, Closing.REPLACED);
            return null;
        }
        end(older, now);
        older.connection().close(Closing.REPLACED);
        LOG.fine(() -> "device " + deviceId + " replaced its connection " + previousConnection);
        return older;
    }

    /** The device, wherever it is connected (one connection per device, cluster-wide). */
    private static Address deviceAddress(String deviceId) {
        return Address.of("device", deviceId);
    }

    /** The device as a member of a room: what a direct message within the room is addressed to. */
    private static Address placeInRoom(String roomId, String deviceId) {
        return Address.of("room-device", roomId, deviceId);
    }

    private void query(DeviceSession s) {
        Optional<java.util.Map<String, String>> hubWide = deviceIndex.members(s.roomId());
        if (hubWide.isPresent()) {
            List<DeviceReply.Client> others = new ArrayList<>();
            hubWide.get().forEach((id, identity) -> {
                if (!id.equals(s.deviceId())) {
                    others.add(new DeviceReply.Client(id, identity));
                }
            });
            int total = others.size() + 1; // the asker counts, whatever the index says of it yet
            answerQuery(s, total, others);
            return;
        }
        List<DeviceReply.Client> others = new ArrayList<>();
        int total = 0;
        Optional<Room> room = rooms.find(s.roomId());
        for (Connection member : room.map(Room::members).orElse(Set.of())) {
            DeviceSession d = devices.ofConnection(member.id());
            if (d == null) {
                continue;
            }
            total++;
            if (d != s) {
                others.add(new DeviceReply.Client(d.deviceId(), d.identity()));
            }
        }
        answerQuery(s, total, others);
    }

    private void answerQuery(DeviceSession s, int total, List<DeviceReply.Client> others) {
        others.sort(Comparator.comparing(DeviceReply.Client::deviceId));
        store.record(new StoreRecord.RoomQueried(StoreRecord.newUid(), s.deviceId(), s.roomId(), Instant.now()));
        router.reply(s.connection(), DeviceEncoder.frame(new DeviceReply.RoomInfo(s.roomId(), total, others)));
    }

    /** Ends a device's time on a connection: out of its room, the connection row closed. Once per session. */
    private void end(DeviceSession s, Instant at) {
        if (s.end()) {
            store.record(new StoreRecord.ConnectionClosed(s.uid(), at));
        }
        devices.unbind(s);
        router.release(deviceAddress(s.deviceId()), s.connection());
        if (s.inRoom()) {
            router.release(placeInRoom(s.roomId(), s.deviceId()), s.connection());
            rooms.leave(s.roomId(), s.connection());
        }
    }

    /** The cluster's Redis came back (perhaps empty): the devices in rooms here are listed again. */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
        for (DeviceSession s : List.copyOf(devices.live())) {
            if (s.inRoom()) {
                deviceIndex.entered(s.roomId(), s.deviceId(), s.identity());
            }
        }
    }

    /** Orderly shutdown: every device session is ended before the store writes its last records. */
    void onShutdown(@Observes @Priority(Interceptor.Priority.APPLICATION) Shutdown.Closed event) {
        Instant now = Instant.now();
        for (DeviceSession s : List.copyOf(devices.live())) {
            end(s, now);
        }
    }

    private void error(Connection c, String message) {
        router.reply(c, DeviceEncoder.frame(new DeviceReply.ErrorReply(message)));
        c.countError();
    }
}
