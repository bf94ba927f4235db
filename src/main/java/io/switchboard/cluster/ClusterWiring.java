package io.switchboard.cluster;

import io.switchboard.config.Settings;
import io.switchboard.devices.DeviceIndex;
import io.switchboard.rooms.RoomIndex;
import io.switchboard.routing.InMemoryBus;
import io.switchboard.routing.MessageBus;
import io.switchboard.session.InMemoryMembership;
import io.switchboard.session.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The one place that decides between one node in memory and a cluster member on Redis (REDIS_URL set): the bus,
 * the membership and the room index the core sees are produced here, all of one kind.
 */
@ApplicationScoped
public class ClusterWiring {
    @Inject
    Settings settings;

    @Produces
    @ApplicationScoped
    MessageBus bus(Instance<InMemoryBus> memory, Instance<RedisBus> redis) {
        return settings.clustered() ? redis.get() : memory.get();
    }

    @Produces
    @ApplicationScoped
    Membership membership(Instance<InMemoryMembership> memory, Instance<RedisMembership> redis) {
        return settings.clustered() ? redis.get() : memory.get();
    }

    @Produces
    @ApplicationScoped
    RoomIndex rooms(Instance<RedisRoomIndex> redis) {
        return settings.clustered() ? redis.get() : RoomIndex.LOCAL;
    }

    @Produces
    @ApplicationScoped
    DeviceIndex devices(Instance<RedisDeviceIndex> redis) {
        return settings.clustered() ? redis.get() : DeviceIndex.LOCAL;
    }

    /** A cluster member joins as the application starts, not at its first message. */
    void join(@Observes @Initialized(ApplicationScoped.class) Object started, Instance<RedisEngine> engine,
              Instance<RedisBus> redisBus) {
        if (settings.clustered()) {
            engine.get().start();
            redisBus.get().loadAccessList();
        }
    }
}
