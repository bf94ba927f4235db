package io.switchboard.devices;

import java.util.Optional;

/**
 * What the rest of the hub remembers of devices: nothing beyond this node on one node; on a cluster, each device's
 * identity and last room, so that a device that comes back through another node returns to its room
 * ({@code reconnected}) as it would through the same one.
 */
public interface DeviceIndex {

    /** What is known of a device, and its live connection (at identity; null when none). */
    void remember(DeviceRegistry.KnownDevice device, DeviceRegistry.Live live);

    /** The device's live connection anywhere in the hub, if its last one is still open; empty on one node. */
    Optional<DeviceRegistry.Live> live(String deviceId);

    Optional<DeviceRegistry.KnownDevice> find(String deviceId);

    /**
     * A device is in a room now (its identity as it announced it). It is unlisted when its place in the room (an
     * address on the bus) is released: on a cluster the release does both in one step.
     */
    void entered(String roomId, String deviceId, String identity);

    /** The devices in a room across the hub, device id → identity; empty when only this node's view exists. */
    Optional<java.util.Map<String, String>> members(String roomId);

    /** One node: the {@link DeviceRegistry} is all there is. */
    DeviceIndex LOCAL = new DeviceIndex() {
        @Override
        public void remember(DeviceRegistry.KnownDevice device, DeviceRegistry.Live live) {
        }

        @Override
        public Optional<DeviceRegistry.Live> live(String deviceId) {
            return Optional.empty();
        }

        @Override
        public Optional<DeviceRegistry.KnownDevice> find(String deviceId) {
            return Optional.empty();
        }

        @Override
        public void entered(String roomId, String deviceId, String identity) {
        }

        @Override
        public Optional<java.util.Map<String, String>> members(String roomId) {
            return Optional.empty();
        }
    };
}
