package io.switchboard.scenarios;

import io.switchboard.testing.Eventually;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code /relay} rule of SPEC §6 and §12 (seed 000) with real clients, except the heartbeat timeout, which
 * needs a short RELAY_HEARTBEAT_TIMEOUT (StandaloneRelayHeartbeatTest). Shared by all runtimes.
 */
public abstract class RelayScenarios {

    protected abstract ServerTarget target();

    protected static String newGroup() {
        return "g-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A device token for one side of a group: the relay device id is {@code <group_id>:<sender_type>}. */
    protected String tokenFor(String group, String type) {
        return target().minter().device(group + ":" + type, Duration.ofHours(1));
    }

    protected WsClient open(String token) {
        return WsClient.connect(target(), "relay", token);
    }

    protected static String msg(String group, String sender, String receiver, String content, String type) {
        return "{\"group_id\":\"" + group + "\",\"sender_type\":\"" + sender + "\",\"receiver_type\":\"" + receiver
                + "\",\"content\":\"" + content + "\"" + (type == null ? "" : ",\"message_type\":\"" + type + "\"")
                + "}";
    }

    protected static String init(String group, String type) {
        return msg(group, type, "server", "hello", "init");
    }

    /** Connects and registers one side of a group; returns once {@code init_ack} arrived. */
    protected WsClient register(String group, String type) {
        WsClient c = open(tokenFor(group, type));
        c.send(init(group, type));
        JsonObject ack = c.nextJson();
        assertEquals("init_ack", ack.getString("message_type"), ack.toString());
        return c;
    }

    private static void assertNotice(JsonObject m, String group, String receiver, String type) {
        assertEquals(type, m.getString("message_type"), m.toString());
        assertEquals(group, m.getString("group_id"), m.toString());
        assertEquals("server", m.getString("sender_type"), m.toString());
        assertEquals(receiver, m.getString("receiver_type"), m.toString());
        assertTrue(m.containsKey("content"), m.toString());
    }

    @Test
    void initIsAcknowledgedInTheSeedsShape() {
        String g = newGroup();
        try (WsClient c = open(tokenFor(g, "center"))) {
            c.send(init(g, "center"));
            assertNotice(c.nextJson(), g, "center", "init_ack");
        }
    }

    @Test
    void aFirstMessageWithoutMessageTypeRegistersToo() {
        String g = newGroup();
        try (WsClient c = open(tokenFor(g, "local"))) {
            c.send(msg(g, "local", "server", "hi", null));
            assertNotice(c.nextJson(), g, "local", "init_ack");
        }
    }

    @Test
    void textIsRelayedAsTheExactTextReceivedBothWays() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            // Odd spacing, key order, extra fields and escapes: the partner must get these very bytes.
            String toLocal = "{ \"receiver_type\" : \"local\",\"group_id\":\"" + g + "\", \"sender_type\":\"center\","
                    + "\"content\":\"caf\\u00e9 \u2603 {\\\"nested\\\":1}\",\"message_type\":\"command\",\"extra\":[1,2.50,null]}";
            center.send(toLocal);
            assertEquals(toLocal, local.next());
            String toCenter = msg(g, "local", "center", "reply", null);
            local.send(toCenter);
            assertEquals(toCenter, center.next());
        }
    }

    @Test
    void binaryFramesArePassedToThePartnerUnchanged() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            byte[] data = new byte[256];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            local.sendBinary(data);
            assertEquals("binary:" + new String(data, java.nio.charset.StandardCharsets.ISO_8859_1), center.next());
        }
    }

    @Test
    void aSecondCenterIsRefusedWith1008AndTheFirstKeepsWorking() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local");
             WsClient intruder = open(tokenFor(g, "center"))) {
            intruder.send(init(g, "center"));
            assertNotice(intruder.nextJson(), g, "center", "error");
            WsClient.Close close = intruder.awaitClose();
            assertEquals(1008, close.code());

            String m = msg(g, "center", "local", "still here", null);
            center.send(m);
            assertEquals(m, local.next());
            assertTrue(center.drain(Duration.ofMillis(300)).isEmpty(), "the first center was disturbed");
            assertFalse(center.isClosed());
        }
    }

    @Test
    void aSecondLocalIsRefusedToo() {
        String g = newGroup();
        try (WsClient local = register(g, "local"); WsClient intruder = open(tokenFor(g, "local"))) {
            intruder.send(init(g, "local"));
            assertNotice(intruder.nextJson(), g, "local", "error");
            assertEquals(1008, intruder.awaitClose().code());
            local.send(msg(g, "local", "server", "beat", "heartbeat"));
            assertNotice(local.nextJson(), g, "local", "heartbeat");
        }
    }

    @Test
    void aFreedSlotCanBeTakenAgain() {
        String g = newGroup();
        WsClient first = register(g, "center");
        first.close();
        first.awaitClose();
        // The server finishes the first close asynchronously: retry until the slot is free.
        Eventually.await("the center slot of " + g + " is free again", () -> {
            try (WsClient second = open(tokenFor(g, "center"))) {
                second.send(init(g, "center"));
                return "init_ack".equals(second.nextJson().getString("message_type"));
            }
        });
    }

    @Test
    void heartbeatIsAnsweredWithHeartbeat() {
        String g = newGroup();
        try (WsClient c = register(g, "local")) {
            c.send(msg(g, "local", "server", "心跳", "heartbeat"));
            assertNotice(c.nextJson(), g, "local", "heartbeat");
        }
    }

    @Test
    void aNormalCloseNotifiesThePartner() {
        String g = newGroup();
        try (WsClient center = register(g, "center")) {
            WsClient local = register(g, "local");
            local.close();
            JsonObject bye = center.nextJson();
            assertNotice(bye, g, "center", "disconnect");
            assertTrue(bye.getString("content").contains("local"), bye.toString());
            // Nothing is buffered for an absent partner: the next message is refused.
            center.send(msg(g, "center", "local", "anyone?", null));
            assertNotice(center.nextJson(), g, "center", "error");
        }
    }

    @Test
    void aMessageForAnAbsentPartnerGetsAnError() {
        String g = newGroup();
        try (WsClient center = register(g, "center")) {
            center.send(msg(g, "center", "local", "x", null));
            JsonObject e = center.nextJson();
            assertNotice(e, g, "center", "error");
            assertTrue(e.getString("content").contains("not connected"), e.toString());
        }
    }

    @Test
    void anotherGroupOrSenderTypeAfterRegistrationGetsAnError() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            center.send(msg("other-group", "center", "local", "x", null));
            assertNotice(center.nextJson(), g, "center", "error");
            center.send(msg(g, "local", "center", "x", null));
            assertNotice(center.nextJson(), g, "center", "error");
            assertTrue(local.drain(Duration.ofMillis(300)).isEmpty(), "a refused message reached the partner");
        }
    }

    @Test
    void aReceiverTypeThatIsNotThePartnerGetsAnError() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            center.send(msg(g, "center", "center", "to myself", null));
            assertNotice(center.nextJson(), g, "center", "error");
            center.send(msg(g, "center", "local", "fake", "disconnect"));
            assertNotice(center.nextJson(), g, "center", "error");
            assertTrue(local.drain(Duration.ofMillis(300)).isEmpty(), "a refused message reached the partner");
        }
    }

    @Test
    void badInputGetsAnErrorAndTheConnectionStaysOpen() {
        String g = newGroup();
        try (WsClient c = register(g, "center")) {
            for (String bad : new String[] {"not json", "[1,2]", "\"text\"", "{\"group_id\":[1]}"}) {
                c.send(bad);
                JsonObject e = c.nextJson();
                assertNotice(e, g, "center", "error");
            }
            c.send(msg(g, "center", "server", "beat", "heartbeat"));
            assertNotice(c.nextJson(), g, "center", "heartbeat");
        }
    }

    @Test
    void anythingButInitBeforeRegistrationGetsAnError() {
        String g = newGroup();
        try (WsClient c = open(tokenFor(g, "center"))) {
            c.send(msg(g, "center", "local", "too early", null));
            assertEquals("error", c.nextJson().getString("message_type"));
            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals("error", c.nextJson().getString("message_type"));
            c.send(msg(g, "center", "server", "beat", "heartbeat"));
            assertEquals("error", c.nextJson().getString("message_type"));
            c.send(msg(g, "nobody", "server", "x", "init"));
            assertEquals("error", c.nextJson().getString("message_type"));
            c.send(init(g, "center"));
            assertNotice(c.nextJson(), g, "center", "init_ack");
        }
    }

    @Test
    void aDeviceIdOtherThanTheTokensIsRefusedWith1008() {
        String g = newGroup();
        try (WsClient c = open(tokenFor("someone-else", "center"))) {
            c.send(init(g, "center"));
            JsonObject e = c.nextJson();
            assertNotice(e, g, "center", "error");
            assertEquals(1008, c.awaitClose().code());
        }
        // The slot was not taken by the refused device.
        try (WsClient center = register(g, "center")) {
            assertFalse(center.isClosed());
        }
    }

    @Test
    void aTokenForTheGroupMayTakeEitherSide() {
        String g = newGroup();
        String groupToken = target().minter().device(g, Duration.ofHours(1));
        try (WsClient center = open(groupToken); WsClient local = open(groupToken)) {
            center.send(init(g, "center"));
            assertNotice(center.nextJson(), g, "center", "init_ack");
            local.send(init(g, "local"));
            assertNotice(local.nextJson(), g, "local", "init_ack");
        }
    }

    @Test
    void withoutATokenTheHandshakeIsRefusedWhenAnonymousDevicesAreOff() {
        WsClient.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(WsClient.Refused.class,
                () -> WsClient.connect(target().ws("relay")));
        assertEquals(401, refused.status);
    }

    @Test
    void aClientThatKeepsMisbehavingIsClosedWith1008() {
        String g = newGroup();
        try (WsClient c = register(g, "center")) {
            // Exactly the 21st error closes (SPEC §12: more than 20 in 10 s); sending more would leave bytes unread
            // when the server closes, and a socket closed with unread bytes is reset: the client may see 1006.
            for (int i = 0; i < 21 && !c.isClosed(); i++) {
                try {
                    c.send("garbage " + i);
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertEquals(1008, c.awaitClose().code());
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesWith1009AndThePartnerIsTold() {
        String g = newGroup();
        try (WsClient center = register(g, "center"); WsClient local = register(g, "local")) {
            center.send(msg(g, "center", "local", "x".repeat(70_000), null));
            assertEquals(1009, center.awaitClose().code());
            assertEquals("disconnect", local.nextJson().getString("message_type"));
        }
    }
}
