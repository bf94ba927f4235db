package io.switchboard.scenarios;

import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API of SPEC §2, §3, §12: each call's 200, 400, 401, 403 and 404. Shared by all runtimes. */
public abstract class AdminScenarios {

    protected abstract ServerTarget target();

    private WsClient connect(String user) {
        return WsClient.connect(target(), "ws", target().userToken(user)).awaitOpen();
    }

    private Http.Reply call(String method, String path, String token, String body) {
        return switch (method) {
            case "GET" -> Http.get(target().http(path), token);
            case "POST" -> Http.post(target().http(path), token, body);
            case "DELETE" -> Http.delete(target().http(path), token);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest(name = "{0} {1} needs an admin token")
    @CsvSource({"GET,ws/online", "GET,ws/stats", "POST,ws/send", "POST,ws/broadcast", "POST,ws/cleanup",
            "POST,ws/revoke", "POST,ws/users/x/block", "DELETE,ws/users/x/block", "GET,ws/rooms", "GET,ws/rooms/x"})
    void everyAdminCallNeedsAnAdminToken(String method, String path) {
        Http.Reply none = call(method, path, null, "{}");
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().getString("error"));
        assertEquals(401, call(method, path, "garbage", "{}").status());
        Http.Reply user = call(method, path, target().userToken("someone"), "{}");
        assertEquals(403, user.status());
        assertEquals("forbidden", user.json().getString("error"));
    }

    @Test
    void onlineListsUsersWithTheirConnections() {
        String u = "aaa-" + UUID.randomUUID();
        try (WsClient c1 = connect(u); WsClient c2 = connect(u)) {
            JsonObject online = Http.get(target().http("ws/online?limit=1000"), target().adminToken()).json();
            assertTrue(online.getInt("count") >= 1);
            JsonObject me = online.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(x -> u.equals(x.getString("user_id"))).findFirst().orElseThrow();
            assertEquals(2, me.getInt("connections"));
            assertEquals(u + "-name", me.getString("username"));
            assertFalse(me.getString("connected_at").isBlank());
            JsonObject page = Http.get(target().http("ws/online?limit=1&offset=0"), target().adminToken()).json();
            assertEquals(1, page.getJsonArray("users").size());
        }
    }

    @ParameterizedTest
    @CsvSource({"limit=0", "limit=1001", "limit=abc", "offset=-1"})
    void badPagingIs400(String query) {
        Http.Reply r = Http.get(target().http("ws/online?" + query), target().adminToken());
        assertEquals(400, r.status());
        assertEquals("bad_request", r.json().getString("error"));
    }

    @Test
    void statsCountConnectionsUsersAndUptime() {
        try (WsClient c = connect(newUser())) {
            JsonObject s = Http.get(target().http("ws/stats"), target().adminToken()).json();
            assertTrue(s.getInt("total_connections") >= 1);
            assertTrue(s.getInt("unique_users") >= 1);
            assertTrue(s.getJsonNumber("server_uptime").longValue() >= 0);
            assertTrue(s.getJsonObject("connections_by_endpoint").getInt("ws") >= 1);
        }
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    @Test
    void sendReachesEveryConnectionOfTheUser() {
        String u = newUser();
        try (WsClient c1 = connect(u); WsClient c2 = connect(u)) {
            Http.Reply r = Http.post(target().http("ws/send"), target().adminToken(),
                    "{\"to_user_id\":\"" + u + "\",\"message_type\":\"notification\",\"data\":{\"content\":\"hello\"}}");
            assertEquals(200, r.status(), r.body());
            assertEquals(2, r.json().getInt("delivered"));
            assertEquals("hello", c1.nextOfType("notification").getJsonObject("data").getString("content"));
            assertEquals("hello", c2.nextOfType("notification").getJsonObject("data").getString("content"));
        }
        // The server handles a client's close asynchronously: wait until it has seen both go.
        Eventually.await("the user is offline", () -> !Http.get(target().http("ws/online?limit=1000"),
                target().adminToken()).body().contains(u));
        Http.Reply offline = Http.post(target().http("ws/send"), target().adminToken(),
                "{\"to_user_id\":\"" + u + "\",\"data\":{}}");
        assertEquals(200, offline.status());
        assertEquals(0, offline.json().getInt("delivered"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ws/send|not json",
        "ws/send|{\"data\":{}}",
        "ws/send|{\"to_user_id\":\"x\",\"message_type\":\"ping\"}",
        "ws/send|{\"to_user_id\":\"x\",\"data\":\"string\"}",
        "ws/send|[]",
        "ws/broadcast|{\"message_type\":\"user_left\"}",
        "ws/revoke|{}",
        "ws/revoke|"})
    void malformedBodiesAre400(String path, String body) {
        Http.Reply r = Http.post(target().http(path), target().adminToken(), body == null ? "" : body);
        assertEquals(400, r.status(), r.body());
        assertEquals("bad_request", r.json().getString("error"));
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void broadcastReachesEveryWsConnection() {
        try (WsClient a = connect(newUser()); WsClient b = connect(newUser())) {
            Http.Reply r = Http.post(target().http("ws/broadcast"), target().adminToken(),
                    "{\"message_type\":\"system_message\",\"data\":{\"content\":\"maintenance\"}}");
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().getInt("delivered") >= 2);
            assertEquals("maintenance", a.nextOfType("system_message").getJsonObject("data").getString("content"));
            assertEquals("maintenance", b.nextOfType("system_message").getJsonObject("data").getString("content"));
        }
    }

    @Test
    void cleanupAnswersHowManyItClosed() {
        Http.Reply r = Http.post(target().http("ws/cleanup"), target().adminToken(), "");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getInt("closed") >= 0);
    }

    @Test
    void roomsAreListedAndDescribed() {
        String room = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        String u = newUser();
        try (WsClient c = connect(u)) {
            c.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            c.nextMatching(m -> "j".equals(m.getString("id", "")));
            JsonObject list = Http.get(target().http("ws/rooms?limit=1000"), target().adminToken()).json();
            assertTrue(list.getInt("total") >= 1);
            JsonObject summary = list.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> room.equals(r.getString("room_id"))).findFirst().orElseThrow();
            assertEquals("ws", summary.getString("kind"));
            assertEquals(1, summary.getInt("members"));
            JsonObject detail = Http.get(target().http("ws/rooms/" + room), target().adminToken()).json();
            assertEquals(u, detail.getJsonArray("members").getJsonObject(0).getString("id"));
        }
        Eventually.await("the emptied room is gone",
                () -> Http.get(target().http("ws/rooms/" + room), target().adminToken()).status() == 404);
        Http.Reply gone = Http.get(target().http("ws/rooms/" + room), target().adminToken());
        assertEquals("not_found", gone.json().getString("error"));
    }

    @Test
    void unknownResourcesAreJson404() {
        Http.Reply r = Http.get(target().http("ws/no-such-thing"), target().adminToken());
        assertEquals(404, r.status());
        assertEquals("not_found", r.json().getString("error"));
    }

    @Test
    void theTestPageIsServedAtTheApplicationRoot() {
        Http.Reply page = Http.get(target().base(), null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>Switchboard"), page.body());
    }

    @Test
    void healthIsOpen() {
        Http.Reply r = Http.get(target().http("health"), null);
        assertEquals(200, r.status());
        assertEquals("UP", r.json().getString("status"));
    }
}
