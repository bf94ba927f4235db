package io.switchboard.devices;

import io.switchboard.rooms.RoomRegistry;
import io.switchboard.store.StoredState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Devices on this node: who is connected (by device id and by connection) and what is known of every device
 * seen (its identity and last room), filled from the database at start so devices come back to their rooms.
 */
@ApplicationScoped
public class DeviceRegistry {
    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class.getName());

    @Inject
    RoomRegistry rooms;
    @Inject
    DeviceIndex index;

    private final Map<String, DeviceSession> byDevice = new ConcurrentHashMap<>();
    private final Map<String, DeviceSession> byConnection = new ConcurrentHashMap<>();
    private final Map<String, KnownDevice> known = new ConcurrentHashMap<>();

    /** What is remembered of a device, connected or not. */
    public record KnownDevice(String deviceId, String identity, String lastRoomId, Instant lastConnectedAt) {
    }

    /** A device as the admin API shows it: what is known, and its live connection if it has one. */
    public record DeviceView(KnownDevice known, Optional<Live> live) {
    }

    public record Live(String connectionId, String roomId, String clientIp, Instant connectedAt) {
    }

    /** Makes {@code s} the device's live session. @return the session it replaces on another connection, if any */
    DeviceSession bind(DeviceSession s) {
        byConnection.put(s.connection().id(), s);
        DeviceSession previous = byDevice.put(s.deviceId(), s);
        return previous == null || previous.connection() == s.connection() ? null : previous;
    }

    void unbind(DeviceSession s) {
        byConnection.remove(s.connection().id(), s);
        byDevice.remove(s.deviceId(), s);
    }

    DeviceSession ofConnection(String connectionId) {
        return byConnection.get(connectionId);
    }

    DeviceSession ofDevice(String deviceId) {
        return byDevice.get(deviceId);
    }

    Collection<DeviceSession> live() {
        return byConnection.values();
    }

    void remember(DeviceSession s, String lastRoomId) {
        KnownDevice d = new KnownDevice(s.deviceId(), s.identity(), lastRoomId, s.since());
        known.put(s.deviceId(), d);
        index.remember(d, new Live(s.connection().id(), s.roomId(), s.connection().remoteAddress(), s.since()));
    }

    /** What this node or (on a cluster) another one last saw of the device; the newer of the two. */
    Optional<KnownDevice> known(String deviceId) {
        Optional<KnownDevice> here = Optional.ofNullable(known.get(deviceId));
        Optional<KnownDevice> elsewhere = index.find(deviceId);
        if (elsewhere.isEmpty()) {
            return here;
        }
        if (here.isEmpty() || elsewhere.get().lastConnectedAt().isAfter(here.get().lastConnectedAt())) {
            return elsewhere;
        }
        return here;
    }

    /** A device by id (admin API): empty when never seen. */
    public Optional<DeviceView> view(String deviceId) {
        Optional<KnownDevice> k = known(deviceId);
        if (k.isEmpty()) {
            return Optional.empty();
        }
        DeviceSession s = byDevice.get(deviceId);
        Optional<Live> live = s != null ? Optional.of(new Live(s.connection().id(), s.roomId(),
                s.connection().remoteAddress(), s.since())) : index.live(deviceId);
        return Optional.of(new DeviceView(k.get(), live));
    }

    /** A connection's device, when it has identified itself. */
    public record Identified(String deviceId, String identity, Instant since) {
    }

    public Optional<Identified> identified(String connectionId) {
        DeviceSession s = byConnection.get(connectionId);
        return s == null ? Optional.empty() : Optional.of(new Identified(s.deviceId(), s.identity(), s.since()));
    }

    public int knownCount() {
        return known.size();
    }

    /** Rooms and devices from the database; what this node learnt since start wins over it. */
    void restore(@Observes StoredState state) {
        for (StoredState.StoredRoom r : state.rooms()) {
            rooms.restore(r.roomId(), r.createdAt());
        }
        for (StoredState.StoredDevice d : state.devices()) {
            known.putIfAbsent(d.deviceId(), new KnownDevice(d.deviceId(), d.identity(), d.lastRoomId(),
                    d.lastConnectedAt()));
        }
        LOG.info("restored " + state.rooms().size() + " device rooms and " + state.devices().size()
                + " devices from the database");
    }
}
