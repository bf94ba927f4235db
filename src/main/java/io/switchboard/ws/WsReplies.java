package io.switchboard.ws;

import io.switchboard.routing.Router;
import io.switchboard.session.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Answers to the {@code /ws} connection a message came from, through the {@link Router} like every delivery. Each
 * error frame counts toward the connection's error rate (SPEC §12).
 */
@ApplicationScoped
public class WsReplies {
    @Inject
    Router router;

    void reply(Connection c, String id, MessageType type, JsonObject data) {
        router.reply(c, WsMessages.frame(WsMessages.reply(id, type, data)));
    }

    void error(Connection c, ErrorCode code, String message, String offendingId) {
        router.reply(c, WsMessages.frame(WsMessages.error(code, message, offendingId)));
        c.countError();
    }

    void error(Connection c, ErrorCode code, String message, String offendingId, JsonObjectBuilder extra) {
        router.reply(c, WsMessages.frame(WsMessages.error(code, message, offendingId, extra)));
        c.countError();
    }
}
