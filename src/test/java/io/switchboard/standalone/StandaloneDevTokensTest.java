package io.switchboard.standalone;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.testing.Http;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /dev/tokens} in development mode: the user tokens only (never the admin one), and they work. */
class StandaloneDevTokensTest {
    private static StandaloneServer server;

    @BeforeAll
    static void start() throws Exception {
        Settings settings = DevelopmentMode.complete(Settings.load(ConfigSource.of(
                Map.of(Settings.HOST, "127.0.0.1", Settings.PORT, "0", Settings.DATABASE_URL, "none"))));
        server = new StandaloneServer(settings);
        server.start();
        server.offerDevelopmentTokens(DevelopmentMode.forPage(DevelopmentMode.tokens(settings)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theUserTokensAreOfferedAndWorkOnWs() {
        Http.Reply r = Http.get(URI.create("http://127.0.0.1:" + server.port() + "/dev/tokens"), null);
        assertEquals(200, r.status(), r.body());
        List<JsonObject> tokens = r.json().getJsonArray("tokens").getValuesAs(JsonObject.class);
        assertEquals(List.of("alice", "bob"), tokens.stream().map(t -> t.getString("subject")).toList());
        for (JsonObject t : tokens) {
            assertEquals("user", t.getString("kind"));
            try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws?token="
                    + t.getString("token")))) {
                c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
                c.nextMatching(m -> "pong".equals(m.getString("message_type", "")));
            }
        }
    }
}
