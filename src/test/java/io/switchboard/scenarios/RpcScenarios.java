package io.switchboard.scenarios;

import io.switchboard.testing.Eventually;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code /rpc} rule of SPEC §7 and §12 (seed 001) with real clients. Shared by all runtimes. */
public abstract class RpcScenarios {
    private final AtomicInteger ids = new AtomicInteger();

    protected abstract ServerTarget target();

    /** An {@code /rpc} client as seed 001 has it; returns once the connected notification arrived. */
    protected Rpc connect() {
        WsClient ws = WsClient.connect(target(), "rpc",
                target().minter().device("rpc-" + UUID.randomUUID(), Duration.ofHours(1)));
        JsonObject hello = ws.nextJson();
        assertEquals("notification", hello.getString("type"), hello.toString());
        assertEquals("connected", hello.getJsonObject("data").getString("event"));
        return new Rpc(ws, hello.getJsonObject("data").getString("connection_id"));
    }

    protected record Rpc(WsClient ws, String connectionId) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
        }
    }

    /** Sends a request and returns the response of the same id (notifications in between are skipped). */
    protected JsonObject call(Rpc c, String action, String payload) {
        String id = "r" + ids.incrementAndGet();
        c.ws().send("{\"id\":\"" + id + "\",\"type\":\"request\",\"action\":\"" + action + "\",\"payload\":"
                + payload + "}");
        return responseTo(c, id);
    }

    private static JsonObject responseTo(Rpc c, String id) {
        return c.ws().nextMatching(m -> "response".equals(m.getString("type", ""))
                && m.get("id") instanceof jakarta.json.JsonString s && id.equals(s.getString()));
    }

    private static JsonObject nextResponse(Rpc c) {
        return c.ws().nextMatching(m -> "response".equals(m.getString("type", "")));
    }

    private static void assertError(JsonObject response, String code) {
        assertFalse(response.containsKey("data"), response.toString());
        assertEquals(code, response.getJsonObject("error").getString("code"), response.toString());
        assertFalse(response.getJsonObject("error").getString("message").isBlank());
    }

    private int count(Rpc c) {
        return call(c, "get_connections", "{}").getJsonObject("data").getInt("count");
    }

    @Test
    void theFirstFrameIsTheConnectedNotificationWithAUuid() {
        try (Rpc c = connect()) {
            assertEquals(c.connectionId(), UUID.fromString(c.connectionId()).toString());
        }
    }

    @Test
    void echoReturnsTheMessage() {
        try (Rpc c = connect()) {
            JsonObject r = call(c, "echo", "{\"message\":\"Hello\"}");
            assertEquals("response", r.getString("type"));
            assertEquals("Hello", r.getJsonObject("data").getString("echo"));
            assertFalse(r.containsKey("error"));
            JsonObject structured = call(c, "echo", "{\"message\":{\"a\":[1,true,null]}}");
            assertEquals(WsClient.parse("{\"a\":[1,true,null]}"), structured.getJsonObject("data").get("echo"));
        }
    }

    @Test
    void aNumericIdComesBackAsTheSameNumber() {
        try (Rpc c = connect()) {
            c.ws().send("{\"id\":42,\"type\":\"request\",\"action\":\"echo\",\"payload\":{\"message\":\"n\"}}");
            JsonObject r = nextResponse(c);
            assertEquals(JsonValue.ValueType.NUMBER, r.get("id").getValueType());
            assertEquals(42, r.getInt("id"));
        }
    }

    @Test
    void getConnectionsCountsOpenRpcConnections() {
        try (Rpc a = connect(); WsClient user = WsClient.connect(target(), "ws", target().userToken("u-rpc"))) {
            int before = count(a);
            assertTrue(before >= 1);
            Rpc b = connect();
            Eventually.await("the new connection is counted", () -> count(a) == before + 1);
            b.close();
            Eventually.await("the closed connection is no longer counted", () -> count(a) == before);
            assertFalse(user.isClosed(), "a /ws user counts as an rpc connection");
        }
    }

    @Test
    void broadcastReachesEveryOtherRpcConnectionAndSaysHowMany() {
        try (Rpc a = connect(); Rpc b = connect(); Rpc c = connect();
             WsClient user = WsClient.connect(target(), "ws", target().userToken("u-rpc-bc"))) {
            // Connections of earlier tests may still be closing: wait until exactly these three are open.
            Eventually.await("exactly three rpc connections", () -> count(a) == 3);
            JsonObject r = call(a, "broadcast", "{\"message\":\"Hello everyone!\"}");
            assertEquals(2, r.getJsonObject("data").getInt("delivered"), r.toString());
            for (Rpc other : new Rpc[] {b, c}) {
                JsonObject n = other.ws().nextMatching(m -> "notification".equals(m.getString("type", "")));
                assertEquals("broadcast", n.getJsonObject("data").getString("event"));
                assertEquals("Hello everyone!", n.getJsonObject("data").getString("message"));
                assertEquals(a.connectionId(), n.getJsonObject("data").getString("from"));
            }
            assertTrue(a.ws().drain(Duration.ofMillis(300)).stream().noneMatch(s -> s.contains("notification")),
                    "the sender got its own broadcast");
            assertTrue(user.drain(Duration.ofMillis(100)).stream().noneMatch(s -> s.contains("Hello everyone!")),
                    "a /ws user got an rpc broadcast");
        }
    }

    @Test
    void anUnknownActionIsAnErrorResponseWithTheRequestsId() {
        try (Rpc c = connect()) {
            JsonObject r = call(c, "launch_rockets", "{}");
            assertEquals("response", r.getString("type"));
            assertError(r, "unknown_action");
        }
    }

    @Test
    void notJsonIsAnErrorResponseWithANullId() {
        try (Rpc c = connect()) {
            c.ws().send("{not json");
            JsonObject r = nextResponse(c);
            assertEquals(JsonValue.NULL, r.get("id"));
            assertError(r, "bad_json");
        }
    }

    @Test
    void badRequestsAreErrorResponses() {
        try (Rpc c = connect()) {
            c.ws().send("{\"id\":\"t1\",\"type\":\"response\",\"action\":\"echo\",\"payload\":{\"message\":1}}");
            JsonObject wrongType = nextResponse(c);
            assertEquals("t1", wrongType.getString("id"));
            assertError(wrongType, "bad_request");

            c.ws().send("{\"type\":\"request\",\"action\":\"echo\",\"payload\":{\"message\":1}}");
            JsonObject noId = nextResponse(c);
            assertEquals(JsonValue.NULL, noId.get("id"));
            assertError(noId, "bad_request");

            c.ws().send("[\"request\"]");
            assertError(nextResponse(c), "bad_request");

            assertError(call(c, "echo", "{}"), "invalid_payload");
            assertError(call(c, "broadcast", "\"just a string\""), "invalid_payload");

            c.ws().sendBinary(new byte[] {1, 2});
            assertError(nextResponse(c), "unsupported_binary");

            // None of that closed the connection.
            assertEquals("still here", call(c, "echo", "{\"message\":\"still here\"}")
                    .getJsonObject("data").getString("echo"));
        }
    }

    @Test
    void aClientThatKeepsMisbehavingIsClosedWith1008() {
        try (Rpc c = connect()) {
            // Exactly the 21st error closes (SPEC §12: more than 20 in 10 s); sending more would leave bytes unread
            // when the server closes, and a socket closed with unread bytes is reset: the client may see 1006.
            for (int i = 0; i < 21 && !c.ws().isClosed(); i++) {
                try {
                    c.ws().send("nonsense " + i);
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertEquals(1008, c.ws().awaitClose().code());
        }
    }

    @Test
    void withoutATokenTheHandshakeIsRefusedWhenAnonymousDevicesAreOff() {
        WsClient.Refused refused = assertThrows(WsClient.Refused.class, () -> WsClient.connect(target().ws("rpc")));
        assertEquals(401, refused.status);
    }

    @Test
    void aRequestOverTheSizeLimitClosesWith1009AndOthersCarryOn() {
        try (Rpc big = connect(); Rpc other = connect()) {
            big.ws().send("{\"id\":\"1\",\"type\":\"request\",\"action\":\"echo\",\"payload\":{\"message\":\""
                    + "x".repeat(70_000) + "\"}}");
            assertEquals(1009, big.ws().awaitClose().code());
            assertTrue(count(other) >= 1);
        }
    }
}
