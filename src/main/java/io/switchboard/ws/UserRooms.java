package io.switchboard.ws;

import io.switchboard.rooms.RoomKind;
import io.switchboard.rooms.RoomName;
import io.switchboard.rooms.RoomRegistry;
import io.switchboard.routing.Router;
import io.switchboard.session.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.List;

/** Room membership and room messages of {@code /ws} users (SPEC §4, §12). Membership is per connection. */
@ApplicationScoped
public class UserRooms {
    @Inject
    RoomRegistry rooms;
    @Inject
    Router router;
    @Inject
    WsReplies replies;
    @Inject
    Presence presence;

    void join(Connection c, WsMessage m) {
        String room = roomOf(c, m);
        if (room == null) {
            return;
        }
        if (rooms.lookup(room).filter(r -> r.kind() != RoomKind.WS).isPresent()) {
            // Device rooms belong to /rooms devices, whose frames are not /ws envelopes: users do not join them
            // (docs/protocol-rooms.md, "Rooms of users and rooms of devices").
            replies.error(c, ErrorCode.NOT_MEMBER, "room '" + room + "' is a device room", m.id());
            return;
        }
        var joined = rooms.join(room, RoomKind.WS, c);
        ack(c, m.id(), "joined", room);
        if (joined.newMember()) {
            presence.joinedRoom(c, room);
        }
    }

    void leave(Connection c, WsMessage m) {
        String room = roomOf(c, m);
        if (room == null) {
            return;
        }
        if (!rooms.leave(room, c)) {
            replies.error(c, ErrorCode.NOT_MEMBER, "not a member of room '" + room + "'", m.id());
            return;
        }
        ack(c, m.id(), "left", room);
        announceLeft(c, room);
    }

    /** @return whether the message was accepted (the sender is a member) */
    boolean send(Connection c, WsMessage outbound, String inboundId) {
        if (!rooms.isMember(outbound.room(), c)) {
            replies.error(c, ErrorCode.NOT_MEMBER, "join room '" + outbound.room() + "' before sending to it",
                    inboundId);
            return false;
        }
        router.toRoom(outbound.room(), WsMessages.frame(outbound), c.id());
        return true;
    }

    /**
     * A closing connection leaves every room it was in; the remaining members are told. It leaves them all before
     * anyone is told, so that a failed announcement cannot keep it a member of the rooms after it.
     */
    void leaveAll(Connection c) {
        List<String> left = new ArrayList<>();
        for (String room : List.copyOf(c.rooms())) {
            if (rooms.leave(room, c)) {
                left.add(room);
            }
        }
        left.forEach(room -> announceLeft(c, room));
    }

    private void announceLeft(Connection c, String room) {
        presence.leftRoom(c, room);
    }

    private void ack(Connection c, String id, String event, String room) {
        replies.reply(c, id, MessageType.SYSTEM_MESSAGE,
                Json.createObjectBuilder().add("event", event).add("room", room).build());
    }

    /** {@code data.room} (or the envelope's {@code room}), validated; null after sending the error. */
    private String roomOf(Connection c, WsMessage m) {
        String room = m.room();
        if (m.data() != null && m.data().get("room") instanceof JsonString s) {
            room = s.getString();
        }
        if (!RoomName.isValid(room)) {
            replies.error(c, ErrorCode.BAD_MESSAGE,
                    "data.room is required: 1-64 characters of letters, digits, '_', '-', '.', ':'", m.id());
            return null;
        }
        return room;
    }
}
