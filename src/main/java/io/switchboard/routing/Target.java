package io.switchboard.routing;

import io.switchboard.session.Channel;

/**
 * Who a delivery is for. Plain ids only, so that a delivery can cross to another node on the cluster bus;
 * {@code exceptConnection} leaves the sending connection out (null: nobody left out).
 */
public sealed interface Target {

    /** Every open {@code /ws} connection of a user. */
    record User(String userId, String exceptConnection) implements Target {
    }

    /** Every member of a room. */
    record Room(String roomId, String exceptConnection) implements Target {
    }

    /** Every connection of an endpoint. */
    record Everyone(Channel channel, String exceptConnection) implements Target {
    }

    /** One connection. */
    record Connection(String connectionId) implements Target {
    }
}
