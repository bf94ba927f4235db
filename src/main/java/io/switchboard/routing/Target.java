package io.switchboard.routing;

import io.switchboard.session.Channel;

/**
 * Who a delivery is for. Plain ids only, so that a delivery can cross to another node on a cluster bus, which
 * resolves every kind of target cluster-wide; {@code exceptConnection} leaves the sending connection out (null:
 * nobody left out).
 */
public sealed interface Target {

    /** Every open {@code /ws} connection of a user. */
    record User(String userId, String exceptConnection) implements Target {
    }

    /** Every member of a room. */
    record Room(String roomId, String exceptConnection) implements Target {
    }

    /** Every connection of an endpoint ({@code /ws} users for a broadcast, the {@code /rpc} peers, ...). */
    record Everyone(Channel channel, String exceptConnection) implements Target {
    }

    /** One connection, by id (replies, and a connection found through the registry). */
    record Connection(String connectionId) implements Target {
    }

    /** Whoever holds a claimed {@link Address} (a device, a relay slot): nobody when it is not claimed. */
    record Claimed(Address address) implements Target {
    }
}
