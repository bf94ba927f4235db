package io.switchboard.standalone;

import io.switchboard.testing.ClientFrame;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.StandaloneServerExtension;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A connection refused for its frame headers (1009 here) is closed the way RFC 6455 §7.1.1 asks: the close frame
 * first, and the client's remaining bytes read and dropped before the socket is closed — a socket closed with
 * unread bytes is reset, and the reset can overtake the close frame, so the client would see 1006.
 */
class LingeringCloseTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();
    private static final int LIMIT = 65_536;

    private RawWebSocket open() throws IOException {
        return RawWebSocket.open(SERVER.ws("ws?token=" + SERVER.userToken("linger")));
    }

    /** The whole oversized frame in one write, as a client library sends it: the close frame always arrives. */
    @RepeatedTest(10)
    void aClientStillSendingItsOversizedFrameGets1009() throws IOException {
        try (RawWebSocket ws = open()) {
            ws.send(ClientFrame.binary(4 * LIMIT));
            assertEquals(1009, ws.awaitCloseCode());
        }
    }

    /** A client that announced a huge frame, then sends nothing and never closes, is still disconnected. */
    @Test
    void aRefusedClientThatFallsSilentIsDisconnected() throws IOException {
        try (RawWebSocket ws = open()) {
            ws.send(ClientFrame.binary(1000).declaredLength(50L * LIMIT));
            assertEquals(1009, ws.awaitCloseCode());
            assertThrows(IOException.class, ws::nextFrame, "the server kept the connection open");
        }
        // Not a ghost: the session is gone too.
        Eventually.await("no connection left", () -> stats().getInt("total_connections") == 0);
    }

    private static JsonObject stats() {
        return Http.get(SERVER.http("ws/stats"), SERVER.adminToken()).json();
    }
}
