package io.switchboard.ws;

import io.switchboard.cluster.ClusterEvents;
import io.switchboard.config.PresenceScope;
import io.switchboard.config.Settings;
import io.switchboard.routing.Router;
import io.switchboard.session.Channel;
import io.switchboard.session.Connection;
import io.switchboard.session.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Tells others that someone came online or went away (seed 003), or joined or left a room: each event is encoded
 * (and framed) once for all its receivers and queued to each, so its cost is linear in receivers. Its frames are
 * sheddable: a receiver with much queued already goes without them.
 * SWITCHBOARD_PRESENCE_EVENTS narrows who hears it ({@link PresenceScope}).
 */
@ApplicationScoped
public class Presence {
    @Inject
    Settings settings;
    @Inject
    Router router;

    /** The user's first connection opened: everyone else hears it (GLOBAL only). */
    void online(Connection c) {
        if (settings.presenceEvents() == PresenceScope.GLOBAL) {
            router.toEveryone(Channel.WS, sheddable(WsMessages.presence(MessageType.USER_JOINED,
                    c.userId(), c.principal().username(), null)), c.id());
        }
    }

    /** The user's last connection closed (GLOBAL only). */
    void offline(Connection c) {
        if (settings.presenceEvents() == PresenceScope.GLOBAL) {
            router.toEveryone(Channel.WS, sheddable(WsMessages.presence(MessageType.USER_LEFT,
                    c.userId(), c.principal().username(), null)), c.id());
        }
    }

    /**
     * A cluster node is gone (it stopped answering, or stopped in order): its users who are now offline
     * everywhere are announced once, by the node that found it gone.
     */
    void nodeGone(@Observes ClusterEvents.NodeGone gone) {
        if (settings.presenceEvents() == PresenceScope.GLOBAL) {
            for (ClusterEvents.GoneUser u : gone.users()) {
                router.toEveryone(Channel.WS, sheddable(WsMessages.presence(MessageType.USER_LEFT, u.userId(),
                        u.username(), null)), null);
            }
        }
    }

    /**
     * This node came back after the others had reaped it (and announced its users gone): those users are online
     * again, announced as on a first connection.
     */
    void usersBack(@Observes ClusterEvents.UsersBack back) {
        back.firstConnections().forEach(this::online);
    }

    /** A connection joined a room: the other members hear it (GLOBAL and ROOMS). */
    void joinedRoom(Connection c, String room) {
        toRoom(MessageType.USER_JOINED, c, room);
    }

    /** A connection left a room, or closed while in it (GLOBAL and ROOMS). */
    void leftRoom(Connection c, String room) {
        toRoom(MessageType.USER_LEFT, c, room);
    }

    private void toRoom(MessageType type, Connection c, String room) {
        if (settings.presenceEvents() != PresenceScope.OFF) {
            router.toRoom(room, sheddable(WsMessages.presence(type, c.userId(), c.principal().username(),
                    room)), c.id());
        }
    }

    /**
     * Presence is what a receiver that falls behind goes without first (SPEC §13 "Limits"): its queue drops these
     * frames once it holds half its byte bound, and counts them.
     */
    private static Frame sheddable(WsMessage event) {
        return WsMessages.frame(event).asSheddable();
    }
}
