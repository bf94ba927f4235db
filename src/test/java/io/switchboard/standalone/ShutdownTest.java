package io.switchboard.standalone;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An orderly stop delivers every frame already accepted before closing connections with 1001. */
class ShutdownTest {
    private static final int MESSAGES = 300;

    @Test
    void everythingAcceptedGoesOutBeforeTheCloseWith1001() throws Exception {
        StandaloneServer server = new StandaloneServer(Settings.load(ConfigSource.of(Map.of(
                Settings.HOST, "127.0.0.1", Settings.PORT, "0", Settings.JWT_SECRET, ServerTarget.SECRET,
                Settings.DATABASE_URL, "none",
                // 300 messages as fast as the client writes them: SWITCHBOARD_RATE_LIMIT would drop some.
                Settings.RATE_LIMIT, "off"))));
        server.start();
        ServerTarget target = () -> URI.create("http://127.0.0.1:" + server.port() + "/");
        try (WsClient a = WsClient.connect(target, "ws", target.userToken("a"));
             WsClient b = WsClient.connect(target, "ws", target.userToken("b")).awaitOpen()) {
            String payload = "y".repeat(8000);
            for (int i = 0; i < MESSAGES; i++) {
                a.send("{\"id\":\"m" + i + "\",\"message_type\":\"text\",\"to_user_id\":\"b\",\"data\":{\"c\":\"" + payload + "\"}}");
            }
            // The pong proves the server has taken every one of the messages before it.
            a.send("{\"id\":\"sync\",\"message_type\":\"ping\"}");
            a.nextMatching(m -> "sync".equals(m.getString("id", "")));
            server.stop();

            Set<String> got = new HashSet<>();
            b.collect(m -> "text".equals(m.getString("message_type")), MESSAGES, Duration.ofSeconds(30))
                    .forEach(m -> got.add(m.getString("id")));
            assertEquals(MESSAGES, got.size());
            assertEquals(1001, b.awaitClose().code());
            assertEquals(1001, a.awaitClose().code());
        } finally {
            server.stop();
        }
    }
}
