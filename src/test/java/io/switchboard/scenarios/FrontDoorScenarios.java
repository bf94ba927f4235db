package io.switchboard.scenarios;

import io.switchboard.Endpoints;
import io.switchboard.session.Channel;
import io.switchboard.testing.Http;
import io.switchboard.testing.RawHandshake;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every endpoint shares through the front door (issue 9): exactly the endpoints of the one list are served,
 * JSON of the wrong type is bad input everywhere (SPEC §13), and a binary message over the size limit closes with
 * 1009 on every endpoint (SPEC §12). Shared by all runtimes.
 */
public abstract class FrontDoorScenarios {
    private static final int LIMIT = 65536;

    protected abstract ServerTarget target();

    private String tokenFor(Channel channel, String name) {
        return channel == Channel.WS ? target().userToken(name) : target().minter().device(name, Duration.ofHours(1));
    }

    private WsClient connect(Channel channel, String name) {
        return WsClient.connect(target(), channel.path().substring(1), tokenFor(channel, name));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // --- the one list of endpoints --------------------------------------------------------------------------------

    @Test
    void everyEndpointOfTheListAcceptsAnUpgrade() {
        for (Endpoints.Endpoint e : Endpoints.ALL) {
            String token = tokenFor(e.channel(), unique("front"));
            RawHandshake.Answer a = RawHandshake.send(target().ws(e.channel().path().substring(1) + "?token=" + token),
                    Map.of());
            assertEquals(101, a.status(), e.channel().path() + ": " + a);
        }
    }

    @ParameterizedTest(name = "{0} is not an endpoint")
    @ValueSource(strings = {"chat", "socket", "websocket", "ws/extra", "rooms/x"})
    void noOtherPathIsUpgraded(String path) {
        RawHandshake.Answer a = RawHandshake.send(target().ws(path + "?token=" + target().userToken("x")), Map.of());
        assertNotEquals(101, a.status(), path + ": " + a);
    }

    // --- strict JSON (SPEC §13) ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "/ws refuses {0}")
    @ValueSource(strings = {
            "[{\"message_type\":\"ping\"},1,\"x\"]",
            "[{\"id\":\"p\",\"message_type\":\"ping\"}]",
            "{\"id\":5,\"message_type\":\"ping\"}",
            "{\"message_type\":[\"ping\"]}",
            "{\"message_type\":\"text\",\"to_user_id\":5,\"data\":{\"content\":\"x\"}}",
            "{\"message_type\":\"text\",\"room\":true,\"data\":{\"content\":\"x\"}}",
            "{\"message_type\":\"text\",\"data\":\"not an object\"}",
            "{\"message_type\":\"ping\",\"message_type\":\"text\"}",
            "\"ping\"",
            "42"})
    void wsRefusesJsonOfTheWrongShape(String frame) {
        try (WsClient c = connect(Channel.WS, unique("strict")).awaitOpen()) {
            c.send(frame);
            JsonObject error = c.nextOfType("error");
            assertEquals("bad_message", error.getJsonObject("data").getString("code"), error.toString());
            assertStillServes(c);
        }
    }

    @ParameterizedTest(name = "/ws: {0} is not JSON")
    @ValueSource(strings = {"{\"message_type\":\"ping\"} trailing", "{\"message_type\":\"ping\"}{}", "{", "ping"})
    void wsRefusesTextThatIsNotOneJsonValue(String frame) {
        try (WsClient c = connect(Channel.WS, unique("strict")).awaitOpen()) {
            c.send(frame);
            JsonObject error = c.nextOfType("error");
            assertEquals("bad_json", error.getJsonObject("data").getString("code"), error.toString());
            assertStillServes(c);
        }
    }

    @Test
    void wsEchoesTheIdOfAMessageOfTheWrongShape() {
        try (WsClient c = connect(Channel.WS, unique("strict")).awaitOpen()) {
            c.send("{\"id\":\"m-1\",\"message_type\":\"text\",\"to_user_id\":5}");
            JsonObject error = c.nextOfType("error");
            assertEquals("m-1", error.getString("id"), error.toString());
            assertTrue(error.getJsonObject("data").getString("message").contains("to_user_id"), error.toString());
        }
    }

    private static void assertStillServes(WsClient c) {
        c.send("{\"id\":\"after\",\"message_type\":\"ping\"}");
        JsonObject pong = c.nextMatching(m -> "after".equals(m.getString("id", "")));
        assertEquals("pong", pong.getString("message_type"), pong.toString());
    }

    @ParameterizedTest(name = "/rooms refuses {0} from a device in a room")
    @ValueSource(strings = {
            "[{\"type\":\"query_room\"}]",
            "{\"type\":[\"query_room\"]}",
            "{\"type\":\"message\",\"content\":\"x\",\"target_device_id\":7}",
            "{\"type\":\"query_room\"} {}"})
    void roomsRefusesJsonOfTheWrongShape(String frame) {
        String device = unique("strict-device");
        try (WsClient c = connect(Channel.ROOMS, device)) {
            c.send("{\"device_id\":\"" + device + "\",\"identity\":\"strict\"}");
            assertEquals("connection", c.nextJson().getString("type"));
            assertEquals("created_new", c.nextJson().getString("status"));
            c.send(frame);
            JsonObject error = c.nextJson();
            assertEquals("error", error.getString("type"), error.toString());
            c.send("{\"type\":\"query_room\"}");
            assertEquals("room_info", c.nextJson().getString("type"));
        }
    }

    @ParameterizedTest(name = "/rooms refuses the identity {0}")
    @ValueSource(strings = {
            "[{\"device_id\":\"%s\",\"identity\":\"x\"}]",
            "{\"device_id\":[\"%s\"],\"identity\":\"x\"}",
            "{\"device_id\":\"%s\",\"identity\":5}",
            "{\"device_id\":\"%s\",\"identity\":\"x\",\"room_id\":123456}"})
    void roomsRefusesAnIdentityOfTheWrongShape(String frame) {
        String device = unique("strict-device");
        try (WsClient c = connect(Channel.ROOMS, device)) {
            c.send(String.format(frame, device));
            JsonObject error = c.nextJson();
            assertEquals("error", error.getString("type"), error.toString());
            c.send("{\"device_id\":\"" + device + "\",\"identity\":\"strict\"}");
            assertEquals("connection", c.nextJson().getString("type"));
        }
    }

    @ParameterizedTest(name = "/relay refuses {0}")
    @ValueSource(strings = {
            "[{\"group_id\":\"g\",\"sender_type\":\"center\",\"receiver_type\":\"server\",\"message_type\":\"init\"}]",
            "{\"group_id\":5,\"sender_type\":\"center\",\"receiver_type\":\"server\",\"message_type\":\"init\"}",
            "{\"group_id\":\"g\",\"sender_type\":\"center\",\"receiver_type\":\"server\",\"message_type\":1}"})
    void relayRefusesJsonOfTheWrongShape(String frame) {
        try (WsClient c = connect(Channel.RELAY, "g:center")) {
            c.send(frame);
            JsonObject error = c.nextJson();
            assertEquals("error", error.getString("message_type"), error.toString());
        }
    }

    @ParameterizedTest(name = "/rpc refuses {0}")
    @ValueSource(strings = {
            "[{\"id\":\"1\",\"type\":\"request\",\"action\":\"echo\",\"payload\":{\"message\":\"x\"}}]",
            "{\"id\":\"1\",\"type\":\"request\",\"action\":5}",
            "{\"id\":\"1\",\"type\":[\"request\"],\"action\":\"echo\"}"})
    void rpcRefusesJsonOfTheWrongShape(String frame) {
        try (WsClient c = connect(Channel.RPC, unique("strict-rpc"))) {
            c.nextJson(); // connected
            c.send(frame);
            JsonObject response = c.nextMatching(m -> "response".equals(m.getString("type", "")));
            assertEquals("bad_request", response.getJsonObject("error").getString("code"), response.toString());
        }
    }

    @ParameterizedTest(name = "POST {0} refuses a body of the wrong shape")
    @ValueSource(strings = {
            "ws/revoke|{\"jti\":5}",
            "ws/revoke|[{\"jti\":\"a\"}]",
            "ws/revoke|{\"jti\":\"a\"} trailing",
            "ws/send|{\"to_user_id\":5,\"message_type\":\"text\",\"data\":{}}",
            "ws/send|{\"to_user_id\":\"bob\",\"message_type\":\"text\",\"data\":[1]}",
            "ws/broadcast|[{\"message_type\":\"text\",\"data\":{}}]",
            "ws/broadcast|{\"message_type\":1,\"data\":{}}"})
    void adminBodiesOfTheWrongShapeAre400(String pathAndBody) {
        String[] parts = pathAndBody.split("\\|", 2);
        Http.Reply reply = Http.post(target().http(parts[0]), target().adminToken(), parts[1]);
        assertEquals(400, reply.status(), reply.body());
        assertEquals("bad_request", reply.json().getString("error"), reply.body());
    }

    // --- one size limit for binary messages too (SPEC §12) -------------------------------------------------------

    @Test
    void aBinaryMessageOverTheLimitClosesEveryEndpointWith1009() {
        for (Endpoints.Endpoint e : Endpoints.ALL) {
            try (WsClient c = connect(e.channel(), e.channel() == Channel.RELAY ? "g:center" : unique("big"))) {
                sendTooBig(c);
                assertEquals(1009, c.awaitClose().code(), e.channel().path());
            }
        }
    }

    @Test
    void aBinaryFrameOverTheLimitNeverReachesTheRelayPartner() {
        String g = unique("g");
        try (WsClient center = connect(Channel.RELAY, g + ":center");
             WsClient local = connect(Channel.RELAY, g + ":local")) {
            for (WsClient side : new WsClient[] {center, local}) {
                String type = side == center ? "center" : "local";
                side.send("{\"group_id\":\"" + g + "\",\"sender_type\":\"" + type
                        + "\",\"receiver_type\":\"server\",\"content\":\"hi\",\"message_type\":\"init\"}");
                assertEquals("init_ack", side.nextJson().getString("message_type"));
            }
            sendTooBig(center);
            assertEquals(1009, center.awaitClose().code());
            JsonObject gone = local.nextJson();
            assertEquals("disconnect", gone.getString("message_type"), gone.toString());
        }
    }

    /**
     * The standalone server closes as soon as it has read the frame's length, so the client may still be writing
     * the payload when the close arrives: its send then fails ("closed output"), which is what the test wants.
     */
    private static void sendTooBig(WsClient c) {
        try {
            c.sendBinary(new byte[LIMIT + 1]);
        } catch (java.util.concurrent.CompletionException closedWhileSending) {
            // the close is asserted next
        }
    }

    @Test
    void aBinaryMessageAtTheLimitIsStillAnsweredOnWs() {
        try (WsClient c = connect(Channel.WS, unique("binary")).awaitOpen()) {
            c.sendBinary(new byte[LIMIT]);
            JsonObject error = c.nextOfType("error");
            assertEquals("unsupported_binary", error.getJsonObject("data").getString("code"), error.toString());
            assertStillServes(c);
        }
    }
}
