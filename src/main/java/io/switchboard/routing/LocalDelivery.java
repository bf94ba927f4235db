package io.switchboard.routing;

import io.switchboard.rooms.Room;
import io.switchboard.rooms.RoomRegistry;
import io.switchboard.session.Connection;
import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves a target to this node's connections and queues the frame to each; never blocks on a receiver. */
@ApplicationScoped
public class LocalDelivery {
    @Inject
    SessionRegistry registry;
    @Inject
    RoomRegistry rooms;
    @Inject
    AddressTable addresses;

    /** @return how many of this node's connections the frame was queued to */
    public int deliver(Delivery d) {
        Target t = d.target();
        if (t instanceof Target.Connection one) {
            return sendTo(registry.byId(one.connectionId()), d);
        }
        if (t instanceof Target.User u) {
            return sendAll(registry.ofUser(u.userId()), u.exceptConnection(), d);
        }
        if (t instanceof Target.Room r) {
            return rooms.find(r.roomId()).map(Room::members)
                    .map(members -> sendAll(members, r.exceptConnection(), d)).orElse(0);
        }
        if (t instanceof Target.Everyone e) {
            return sendAll(registry.all(), e, d);
        }
        return sendTo(addresses.holder(((Target.Claimed) t).address()), d);
    }

    private static int sendTo(Connection c, Delivery d) {
        return c != null && c.send(d.frame()) ? 1 : 0;
    }

    private static int sendAll(Iterable<Connection> to, String except, Delivery d) {
        int n = 0;
        for (Connection c : to) {
            if (!c.id().equals(except) && c.send(d.frame())) {
                n++;
            }
        }
        return n;
    }

    private static int sendAll(Iterable<Connection> to, Target.Everyone e, Delivery d) {
        int n = 0;
        for (Connection c : to) {
            if (c.channel() == e.channel() && !c.id().equals(e.exceptConnection()) && c.send(d.frame())) {
                n++;
            }
        }
        return n;
    }
}
