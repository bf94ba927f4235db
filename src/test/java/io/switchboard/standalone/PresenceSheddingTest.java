package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Http;
import io.switchboard.testing.SilentCrowd;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §13 "Limits": a receiver that falls behind goes without presence events once it has half its byte bound
 * (SWITCHBOARD_OUTBOUND_QUEUE_BYTES, default 1 MiB) queued; they are counted in {@code /ws/stats}
 * ({@code presence_shed}). Messages still queue up to the bound, past which it is closed with 1013.
 */
class PresenceSheddingTest {
    /** 60 kB each: past half of 1 MiB within a few of them once the kernel's buffers are full. */
    private static final String PAYLOAD = "x".repeat(60_000);
    /** 200 × 60 kB = 12 MB: far beyond the bound plus what the kernel keeps for a client that does not read. */
    private static final int MAX_STEPS = 200;

    @RegisterExtension
    // Up to 200 passers-by and 400 messages, each as fast as the last one's answer: past the default limits.
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.HANDSHAKE_RATE, "off", Settings.RATE_LIMIT, "off"));

    @Test
    void aReceiverThatFallsBehindGoesWithoutPresenceFirstAndIsClosedOnlyPastTheBound() throws Exception {
        try (SilentCrowd stuck = SilentCrowd.connect(SERVER, 1, i -> "ws?token=" + SERVER.userToken("stuck"), i -> null);
             WsClient sender = WsClient.connect(SERVER, "ws", SERVER.userToken("sender")).awaitOpen()) {
            stuck.stopReading();
            long shedBefore = stats().getJsonNumber("presence_shed").longValue();
            int step = 0;
            // One message more for the stuck client at a time, each followed by a presence event for it, until the
            // server sheds one.
            while (stats().getJsonNumber("presence_shed").longValue() == shedBefore) {
                assertTrue(++step <= MAX_STEPS, "no presence event shed after " + MAX_STEPS + " messages");
                assertEquals(0, slowConsumerCloses(), "closed before any presence event was shed");
                queueForTheStuckClient(sender, "m" + step);
                try (WsClient passerBy = WsClient.connect(SERVER, "ws", SERVER.userToken("passer-by")).awaitOpen()) {
                    // user_joined went to everyone, the stuck client included
                }
            }
            assertEquals(0, slowConsumerCloses(), "shedding presence does not close");

            for (int i = 0; slowConsumerCloses() == 0; i++) {
                assertTrue(step + i <= MAX_STEPS, "the stuck client was never closed");
                queueForTheStuckClient(sender, "more" + i);
            }
        }
    }

    /** Sends the stuck client one message and returns once the server has queued it. */
    private static void queueForTheStuckClient(WsClient sender, String id) {
        sender.send("{\"id\":\"" + id + "\",\"message_type\":\"text\",\"to_user_id\":\"stuck\","
                + "\"data\":{\"content\":\"" + PAYLOAD + "\"}}");
        // A connection's messages are handled in order: after this pong the message is queued.
        String ping = "after-" + id;
        sender.send("{\"id\":\"" + ping + "\",\"message_type\":\"ping\"}");
        sender.nextMatching(m -> ping.equals(m.getString("id", "")));
    }

    private static int slowConsumerCloses() {
        return stats().getJsonObject("closes").getInt("slow_consumer");
    }

    private static JsonObject stats() {
        return Http.get(SERVER.http("ws/stats"), SERVER.adminToken()).json();
    }
}
