package io.switchboard.cluster;

import io.switchboard.devices.DeviceIndex;
import io.switchboard.routing.Address;
import io.switchboard.devices.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Devices across the cluster: {@code P:devices}, device id → identity, last room and when (tab-separated); and
 * {@code P:rm:<room>}, the devices in a room → identity (what {@code query_room} lists, whatever node holds them).
 */
@ApplicationScoped
@Typed(RedisDeviceIndex.class)
public class RedisDeviceIndex implements DeviceIndex {
    private static final Logger LOG = Logger.getLogger(RedisDeviceIndex.class.getName());

    @Inject
    RedisEngine engine;

    /** Value: identity, last room, when, then the live connection's id, room, client address. */
    @Override
    public void remember(DeviceRegistry.KnownDevice d, DeviceRegistry.Live live) {
        String value = String.join("\t", d.identity(), nullToEmpty(d.lastRoomId()),
                Long.toString(d.lastConnectedAt().toEpochMilli()), live.connectionId(), nullToEmpty(live.roomId()),
                nullToEmpty(live.clientIp()));
        engine.async().hset(engine.key("devices"), RedisEngine.bytes(d.deviceId()), RedisEngine.bytes(value))
                .exceptionally(failure -> {
                    LOG.log(Level.FINE, "cluster: remembering device " + d.deviceId() + " failed", failure);
                    return false;
                });
    }

    /**
     * Written before the device hears that it is in the room (one bounded round trip): a query through another
     * node right after that must list it.
     */
    @Override
    public void entered(String roomId, String deviceId, String identity) {
        try {
            engine.async().hset(engine.key("rm:" + roomId), RedisEngine.bytes(deviceId),
                    RedisEngine.bytes(identity + "\t" + System.currentTimeMillis())).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: listing device " + deviceId + " in room " + roomId + " failed", e);
        }
    }

    @Override
    public Optional<java.util.Map<String, String>> members(String roomId) {
        try {
            java.util.Map<byte[], byte[]> all = engine.async().hgetall(engine.key("rm:" + roomId))
                    .toCompletableFuture().get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            java.util.Map<String, String> members = new java.util.HashMap<>();
            all.forEach((k, v) -> members.put(RedisEngine.string(k), RedisEngine.string(v).split("\t", -1)[0]));
            return Optional.of(members);
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: listing room " + roomId + " failed", e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<DeviceRegistry.KnownDevice> find(String deviceId) {
        return entry(deviceId).map(f -> new DeviceRegistry.KnownDevice(deviceId, f[0], emptyToNull(f[1]),
                Instant.ofEpochMilli(Long.parseLong(f[2]))));
    }

    /** Live when the connection it last identified on still holds the device's address. */
    @Override
    public Optional<DeviceRegistry.Live> live(String deviceId) {
        Optional<String[]> entry = entry(deviceId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String[] f = entry.get();
        try {
            String holder = engine.holder(Address.of("device", deviceId)).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (holder == null || !holder.equals(f[3])) {
                return Optional.empty();
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRegistry.Live(f[3], emptyToNull(f[4]), f[5],
                Instant.ofEpochMilli(Long.parseLong(f[2]))));
    }

    private Optional<String[]> entry(String deviceId) {
        try {
            byte[] v = engine.async().hget(engine.key("devices"), RedisEngine.bytes(deviceId)).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return v == null ? Optional.empty() : Optional.of(RedisEngine.string(v).split("\t", -1));
        } catch (Exception e) {
            LOG.log(Level.FINE, "cluster: looking up device " + deviceId + " failed", e);
            return Optional.empty();
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
