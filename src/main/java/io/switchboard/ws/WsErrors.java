package io.switchboard.ws;

import io.switchboard.session.Connection;
import jakarta.json.JsonObjectBuilder;

/** Sends an error frame to a connection and counts it toward the connection's error rate (SPEC §12). */
final class WsErrors {
    private WsErrors() {
    }

    static void send(Connection c, ErrorCode code, String message, String offendingId) {
        c.send(WsMessages.frame(WsMessages.error(code, message, offendingId)));
        c.countError();
    }

    static void send(Connection c, ErrorCode code, String message, String offendingId, JsonObjectBuilder extra) {
        c.send(WsMessages.frame(WsMessages.error(code, message, offendingId, extra)));
        c.countError();
    }
}
