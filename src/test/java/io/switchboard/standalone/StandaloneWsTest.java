package io.switchboard.standalone;

import io.switchboard.scenarios.WsScenarios;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandaloneWsTest extends WsScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }

    /**
     * Standalone only: Tyrus itself accepts unmasked client frames (so Payara does), the standalone server's read
     * path closes with 1002 as RFC 6455 §5.1 asks. Masked frames before it are handled as usual.
     */
    @Test
    void anUnmaskedClientFrameClosesWith1002AndNobodyElseNotices() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(target().ws("ws?token=" + target().userToken(newUser())));
             WsClient other = connect(newUser())) {
            raw.sendFrame(1, "{\"id\":\"masked\",\"message_type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            raw.sendUnmaskedFrame(1, "{\"id\":\"bare\",\"message_type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(1002, raw.awaitCloseCode());
            other.send("{\"id\":\"fine\",\"message_type\":\"ping\"}");
            JsonObject pong = other.nextMatching(m -> "fine".equals(m.getString("id", "")));
            assertEquals("pong", pong.getString("message_type"));
        }
    }
}
