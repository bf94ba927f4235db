package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SWITCHBOARD_MAX_CONNECTIONS standalone: a handshake past the limit is refused with HTTP 503 before Tyrus sees it
 * (cheap, so a flood at the limit keeps the process clear of its open-files cap), and a place frees up again when
 * a connection closes.
 */
class StandaloneConnectionLimitTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.MAX_CONNECTIONS, "2"));

    private static WsClient connect() {
        WsClient c = WsClient.connect(SERVER, "ws", SERVER.userToken("u-" + UUID.randomUUID()));
        c.send("{\"id\":\"ready\",\"message_type\":\"ping\"}");
        c.nextMatching(m -> "ready".equals(m.getString("id", "")));
        return c;
    }

    /**
     * Handshakes that arrive together all see room at first; the registry gives out the last places one by one, so
     * the limit holds exactly and the losers are refused (503) or closed with 1013 "server full".
     */
    @Test
    void concurrentHandshakesNeverTakeMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<WsClient> opened = new ArrayList<>();
        try {
            List<Future<WsClient>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tries.add(pool.submit(() -> {
                    try {
                        return WsClient.connect(SERVER, "ws", SERVER.userToken("u-" + UUID.randomUUID()));
                    } catch (WsClient.Refused full) {
                        assertEquals(503, full.status);
                        return null;
                    }
                }));
            }
            for (Future<WsClient> t : tries) {
                WsClient c = t.get(30, TimeUnit.SECONDS);
                if (c != null) {
                    opened.add(c);
                }
            }
            // The server's own count never passes the limit (a place is taken before a connection is listed).
            Eventually.await("a winner is listed", () -> openOnServer() >= 1);
            int total = openOnServer();
            assertTrue(total <= 2, "the server counts " + total + " connections");
            for (WsClient c : opened) {
                c.closedWithin(Duration.ofMillis(200))
                        .ifPresent(closed -> assertEquals(1013, closed.code(), closed.toString()));
            }
        } finally {
            opened.forEach(WsClient::close);
            pool.shutdownNow();
        }
        Eventually.await("every place is free again", () -> openOnServer() == 0);
    }

    private static int openOnServer() {
        return Http.get(SERVER.http("ws/stats"), SERVER.adminToken()).json().getInt("total_connections");
    }

    @Test
    void pastTheLimitTheHandshakeIsRefusedWith503AndTheServerKeepsAnswering() {
        try (WsClient a = connect(); WsClient b = connect()) {
            WsClient.Refused refused = assertThrows(WsClient.Refused.class, StandaloneConnectionLimitTest::connect);
            assertEquals(503, refused.status);
            assertEquals(200, Http.get(SERVER.http("health"), null).status());
            b.close();
            b.awaitClose();
        }
        // both closed: there is room again once the server has seen them go
        Eventually.await("a place is free again", () -> {
            try (WsClient c = connect()) {
                return !c.isClosed();
            } catch (WsClient.Refused stillFull) {
                return false;
            }
        });
    }
}
