package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A token that expires while its connection is open closes it with 1008; an in-band refresh prevents that. */
class TokenLifecycleTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(Settings.JWT_CLOCK_SKEW, "0"));

    private String shortLived(String user) {
        return SERVER.minter().user(user, user, Duration.ofSeconds(2), List.of("user"));
    }

    @Test
    void anExpiringTokenClosesItsConnection() {
        try (WsClient c = WsClient.connect(SERVER, "ws", shortLived("brief"))) {
            WsClient.Close close = c.awaitClose();
            assertEquals(1008, close.code());
            assertEquals("token expired", close.reason());
        }
    }

    @Test
    void aRefreshedTokenKeepsTheConnectionOpen() {
        try (WsClient c = WsClient.connect(SERVER, "ws", shortLived("renewed"))) {
            c.send("{\"id\":\"rf\",\"message_type\":\"refresh\",\"data\":{\"token\":\"" + SERVER.userToken("renewed") + "\"}}");
            assertEquals("refreshed", c.nextMatching(m -> "rf".equals(m.getString("id", "")))
                    .getJsonObject("data").getString("event"));
            c.drain(Duration.ofSeconds(4));
            assertFalse(c.isClosed(), "closed although the token was refreshed");
            c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            assertEquals("pong", c.nextMatching(m -> "p".equals(m.getString("id", ""))).getString("message_type"));
        }
    }
}
