package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
