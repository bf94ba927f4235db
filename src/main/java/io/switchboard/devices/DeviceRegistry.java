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

    void remember(String deviceId, String identity, String lastRoomId, Instant at) {
        known.put(deviceId, new KnownDevice(deviceId, identity, lastRoomId, at));
    }

    Optional<KnownDevice> known(String deviceId) {
        return Optional.ofNullable(known.get(deviceId));
    }

    /** A device by id (admin API): empty when never seen. */
    public Optional<DeviceView> view(String deviceId) {
        KnownDevice k = known.get(deviceId);
        if (k == null) {
            return Optional.empty();
        }
        DeviceSession s = byDevice.get(deviceId);
        return Optional.of(new DeviceView(k, Optional.ofNullable(s).map(x -> new Live(x.connection().id(),
                x.roomId(), x.connection().remoteAddress(), x.since()))));
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
