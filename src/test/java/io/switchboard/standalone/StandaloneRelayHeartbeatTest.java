package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay heartbeat timeout (SPEC §6, §12) with RELAY_HEARTBEAT_TIMEOUT=1s: a silent peer is closed with 4408
 * and its partner told; heartbeats, any other message and WebSocket pongs each keep a peer alive.
 */
class StandaloneRelayHeartbeatTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Declared offline between 1 and 1.25 timeouts after the last sign of life; generous for a busy machine. */
    private static final Duration DECLARED_WITHIN = Duration.ofSeconds(4);

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(
            Map.of(Settings.RELAY_HEARTBEAT_TIMEOUT, "1s"));

    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopKeepAlive() {
        keepAlive.shutdownNow();
    }

    private static String msg(String group, String sender, String receiver, String type) {
        return "{\"group_id\":\"" + group + "\",\"sender_type\":\"" + sender + "\",\"receiver_type\":\"" + receiver
                + "\",\"content\":\"x\",\"message_type\":\"" + type + "\"}";
    }

    private static WsClient register(String group, String type) {
        WsClient c = WsClient.connect(SERVER, "relay",
                SERVER.minter().device(group + ":" + type, Duration.ofHours(1)));
        c.send(msg(group, type, "server", "init"));
        assertEquals("init_ack", c.nextJson().getString("message_type"));
        return c;
    }

    /** Runs {@code beat} every 200 ms (a fifth of the timeout) until the test ends. */
    private void every200ms(Runnable beat) {
        keepAlive.scheduleAtFixedRate(() -> {
            try {
                beat.run();
            } catch (RuntimeException closed) {
                // the connection went away; the assertions tell whether that was expected
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    private static void assertStaysOpen(WsClient c, Duration during) {
        assertTrue(c.closedWithin(during).isEmpty(), "closed although it showed signs of life");
    }

    @Test
    void aSilentPeerIsClosedWith4408AndItsPartnerIsTold() {
        String g = "hb-" + UUID.randomUUID();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            every200ms(() -> center.send(msg(g, "center", "server", "heartbeat")));
            WsClient.Close close = local.closedWithin(DECLARED_WITHIN).orElseThrow(
                    () -> new AssertionError("a silent local was not declared offline"));
            assertEquals(4408, close.code());
            assertEquals("heartbeat timeout", close.reason());
            JsonObject bye = center.nextOfType("disconnect");
            assertEquals(g, bye.getString("group_id"));
            assertEquals("server", bye.getString("sender_type"));
            assertEquals("center", bye.getString("receiver_type"));
            assertTrue(bye.getString("content").contains("heartbeat timeout"), bye.toString());
            assertStaysOpen(center, TIMEOUT.multipliedBy(3).dividedBy(2));
        }
    }

    @Test
    void heartbeatsKeepAPeerAlive() {
        String g = "hb-" + UUID.randomUUID();
        try (WsClient local = register(g, "local")) {
            every200ms(() -> local.send(msg(g, "local", "server", "heartbeat")));
            assertStaysOpen(local, TIMEOUT.multipliedBy(5).dividedBy(2));
        }
    }

    @Test
    void anyMessageIsASignOfLife() {
        String g = "hb-" + UUID.randomUUID();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            // Both only talk to each other: no heartbeats at all.
            every200ms(() -> {
                center.send(msg(g, "center", "local", "data"));
                local.send(msg(g, "local", "center", "data"));
            });
            assertStaysOpen(center, TIMEOUT.multipliedBy(5).dividedBy(2));
            assertTrue(local.closedWithin(Duration.ZERO).isEmpty());
        }
    }

    @Test
    void aWebSocketPongIsASignOfLife() {
        String g = "hb-" + UUID.randomUUID();
        try (WsClient local = register(g, "local")) {
            every200ms(local::sendPong);
            assertStaysOpen(local, TIMEOUT.multipliedBy(5).dividedBy(2));
            keepAlive.shutdownNow();
            assertEquals(4408, local.closedWithin(DECLARED_WITHIN).orElseThrow(
                    () -> new AssertionError("not declared offline after the pongs stopped")).code());
        }
    }

    @Test
    void aConnectionThatNeverRegistersTimesOutToo() {
        try (WsClient c = WsClient.connect(SERVER, "relay", SERVER.minter().device("x:center", Duration.ofHours(1)))) {
            assertEquals(4408, c.closedWithin(DECLARED_WITHIN).orElseThrow(
                    () -> new AssertionError("a silent unregistered connection stayed open")).code());
        }
    }

    @Test
    void aTimedOutSlotIsFreeAgain() {
        String g = "hb-" + UUID.randomUUID();
        WsClient silent = register(g, "center");
        assertEquals(4408, silent.closedWithin(DECLARED_WITHIN).orElseThrow().code());
        try (WsClient again = register(g, "center")) {
            assertTrue(again.closedWithin(Duration.ZERO).isEmpty());
        }
    }
}
