package io.switchboard.routing;

import io.switchboard.session.Channel;
import io.switchboard.session.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one routing path (SPEC §11): every delivery — user, room, broadcast, partner, admin — goes through here. */
@ApplicationScoped
public class Router {
    @Inject
    MessageBus bus;

    public int toUser(String userId, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.User(userId, exceptConnection), frame));
    }

    public int toRoom(String roomId, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.Room(roomId, exceptConnection), frame));
    }

    public int toEveryone(Channel channel, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.Everyone(channel, exceptConnection), frame));
    }

    public int toConnection(String connectionId, Frame frame) {
        return bus.publish(new Delivery(new Target.Connection(connectionId), frame));
    }
}
