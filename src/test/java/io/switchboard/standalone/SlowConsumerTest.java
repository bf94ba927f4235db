package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that stops reading fills its bounded outbound queue and is closed with 1013 and counted; the sender
 * and the other receivers carry on and get everything.
 */
class SlowConsumerTest {
    /**
     * 600 frames of 60 kB (36 MB): the stuck client's bound (16 MiB) plus what the kernel buffers on loopback (a few
     * MB) is passed well before the end, while the reader, which does read, has 16 MiB of queue as slack for a moment
     * when this JVM (server and clients at once) does not get to its socket.
     */
    private static final int MESSAGES = 600;

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.OUTBOUND_QUEUE_BYTES, "16MiB", Settings.PRESENCE_EVENTS, "off",
            // 600 messages as fast as the client writes them: past the default SWITCHBOARD_RATE_LIMIT.
            Settings.RATE_LIMIT, "off"));

    @Test
    void aClientThatStopsReadingIsClosedAndNobodyElseSuffers() {
        String payload = "x".repeat(60_000);
        try (WsClient stuck = WsClient.connectNotReading(SERVER.ws("ws?token=" + SERVER.userToken("stuck")));
             WsClient reader = WsClient.connect(SERVER, "ws", SERVER.userToken("reader")).awaitOpen();
             WsClient sender = WsClient.connect(SERVER, "ws", SERVER.userToken("sender"))) {
            for (int i = 0; i < MESSAGES; i++) {
                sender.send("{\"id\":\"b" + i + "\",\"message_type\":\"text\",\"data\":{\"content\":\"" + payload + "\"}}");
            }
            List<JsonObject> got = reader.collect(m -> "text".equals(m.getString("message_type")), MESSAGES,
                    Duration.ofSeconds(60));
            Set<String> ids = new HashSet<>();
            got.forEach(m -> ids.add(m.getString("id")));
            assertEquals(MESSAGES, ids.size());

            Eventually.await("the stuck client is closed as a slow consumer", () -> Http.get(SERVER.http("ws/stats"),
                    SERVER.adminToken()).json().getJsonObject("closes").getInt("slow_consumer") >= 1);
            sender.send("{\"id\":\"still\",\"message_type\":\"ping\"}");
            assertEquals("pong", sender.nextMatching(m -> "still".equals(m.getString("id"))).getString("message_type"));
        }
    }
}
