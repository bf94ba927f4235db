package io.switchboard.ws;

import io.switchboard.auth.Authenticator;
import io.switchboard.auth.ClaimProfile;
import io.switchboard.auth.TokenCheck;
import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.EndpointHub;
import io.switchboard.limits.LimitCounts;
import io.switchboard.routing.Router;
import io.switchboard.session.Channel;
import io.switchboard.session.CloseSteps;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import io.switchboard.store.Store;
import io.switchboard.store.StoreRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The core of {@code /ws} (SPEC §4, §12): what each message type does. The endpoint decodes and calls here;
 * deliveries go through the {@link Router}; nothing here blocks on a receiver.
 */
@ApplicationScoped
public class UserHub implements EndpointHub<Inbound> {
    private static final JsonObject EMPTY = Json.createObjectBuilder().build();

    @Inject
    Membership membership;
    @Inject
    Router router;
    @Inject
    WsReplies replies;
    @Inject
    UserRooms rooms;
    @Inject
    Presence presence;
    @Inject
    Authenticator authenticator;
    @Inject
    Store store;
    @Inject
    LimitCounts limits;

    @Override
    public void open(Connection c) {
        membership.open(c).thenAccept(opened -> {
            switch (opened) {
                case FIRST -> presence.online(c);
                case ANOTHER -> {
                    // one more device of a user already online: nobody is told
                }
                case OVER_LIMIT -> {
                    // Handshakes of one user that raced past the handshake's check end here (SPEC §13).
                    limits.connectionRefused();
                    c.close(Closing.TOO_MANY_CONNECTIONS);
                }
            }
        });
    }

    @Override
    public void close(Connection c) {
        CloseSteps.runAll(() -> rooms.leaveAll(c), () -> membership.close(c).thenAccept(last -> {
            if (last) {
                presence.offline(c);
            }
        }));
    }

    @Override
    public void handle(Connection c, Inbound in) {
        WsMessage m = in.message();
        switch (in.type()) {
            case PING -> replies.reply(c, m.id(), MessageType.PONG, EMPTY);
            case PONG -> {
                // a client's answer to nothing in particular: accepted, nothing to do
            }
            case TEXT, NOTIFICATION -> relay(c, m);
            case JOIN -> rooms.join(c, m);
            case LEAVE -> rooms.leave(c, m);
            case REFRESH -> refresh(c, m);
            default -> replies.error(c, ErrorCode.BAD_MESSAGE,
                    "message_type '" + m.messageType() + "' is sent by the server only", m.id());
        }
    }

    @Override
    public void refuse(Connection c, Decoded.Bad<Inbound> bad) {
        ErrorCode code = switch (bad.problem()) {
            case SYNTAX -> ErrorCode.BAD_JSON;
            case UNKNOWN_TYPE -> ErrorCode.UNKNOWN_TYPE;
            case SHAPE, INVALID -> ErrorCode.BAD_MESSAGE;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
        };
        replies.error(c, code, bad.reason(), bad.id() instanceof JsonString s ? s.getString() : null);
    }

    @Override
    public JsonValue idOf(Inbound in) {
        return in.message().id() == null ? null : Json.createValue(in.message().id());
    }

    @Override
    public void binary(Connection c, ByteBuffer data) {
        replies.error(c, ErrorCode.UNSUPPORTED_BINARY, "/ws takes JSON text frames only", null);
    }

    /** A user's message: to one user, to a room, or to everyone else. The server sets sender, time and id. */
    private void relay(Connection c, WsMessage m) {
        if (m.toUserId() != null && m.room() != null) {
            replies.error(c, ErrorCode.BAD_MESSAGE, "give to_user_id or room, not both", m.id());
            return;
        }
        Instant now = WsMessages.stamp();
        WsMessage out = new WsMessage(m.id() == null ? WsMessages.newId() : m.id(), m.messageType(),
                m.data() == null ? EMPTY : m.data(), now.toString(), c.userId(), m.toUserId(), m.room());
        if (m.toUserId() != null) {
            router.toUser(m.toUserId(), WsMessages.frame(out), null).thenAccept(published -> {
                if (published.reachedAnyone()) {
                    record(out, now);
                } else {
                    replies.error(c, ErrorCode.USER_OFFLINE, "user '" + m.toUserId() + "' has no open connection",
                            m.id(), Json.createObjectBuilder().add("queued", false));
                }
            });
        } else if (m.room() != null) {
            if (rooms.send(c, out, m.id())) {
                record(out, now);
            }
        } else {
            router.toEveryone(Channel.WS, WsMessages.frame(out), c.id());
            record(out, now);
        }
    }

    /** Write-behind: returns at once, whatever the database is doing (docs/persistence.md). */
    private void record(WsMessage out, Instant now) {
        store.record(StoreRecord.userMessage(out.id(), out.messageType(), out.fromUserId(), out.toUserId(),
                out.room(), out.data().toString(), now));
    }

    /** In-band token refresh: a valid token of the same user moves the connection's expiry. */
    private void refresh(Connection c, WsMessage m) {
        String token = m.data() != null && m.data().get("token") instanceof JsonString s ? s.getString() : null;
        TokenCheck check = authenticator.authenticate(token, ClaimProfile.USER);
        if (check instanceof TokenCheck.Refused refused) {
            replies.error(c, ErrorCode.REFRESH_FAILED, refused.message(), m.id());
            return;
        }
        var principal = ((TokenCheck.Accepted) check).principal();
        if (!principal.subject().equals(c.userId())) {
            replies.error(c, ErrorCode.REFRESH_FAILED, "the new token is for another user", m.id());
            return;
        }
        principal.expiresAt().ifPresent(c::extendUntil);
        replies.reply(c, m.id(), MessageType.SYSTEM_MESSAGE, Json.createObjectBuilder()
                .add("event", "refreshed")
                .add("expires_at", principal.expiresAt().map(Object::toString).orElse(""))
                .build());
    }
}
