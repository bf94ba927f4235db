package io.switchboard.scenarios;

import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code /rooms} rule of SPEC §5 and §12 and seed 002, with real clients; and the admin API's view of
 * device rooms. Shared by all runtimes.
 */
public abstract class RoomsScenarios {
    private static final Duration QUIET = Duration.ofMillis(300);

    protected abstract ServerTarget target();

    /** Whether the server under test admits devices without a token (SWITCHBOARD_ANONYMOUS_DEVICES). */
    protected boolean anonymousDevicesAllowed() {
        return false;
    }

    protected static String newDevice() {
        return "dev-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected WsClient device(String deviceId) {
        return WsClient.connect(target(), "rooms", target().minter().device(deviceId, Duration.ofHours(1)));
    }

    /** Sends the identity message; checks the two replies of SPEC §5 and returns the {@code room} one. */
    protected static JsonObject identify(WsClient c, String deviceId, String identity, String roomId) {
        c.send("{\"device_id\":\"" + deviceId + "\",\"identity\":\"" + identity + "\""
                + (roomId == null ? "" : ",\"room_id\":\"" + roomId + "\"") + "}");
        JsonObject connected = c.nextJson();
        assertEquals("connection", connected.getString("type"), connected.toString());
        assertEquals("Connected successfully", connected.getString("message"));
        JsonObject room = c.nextJson();
        assertEquals("room", room.getString("type"), room.toString());
        return room;
    }

    /** A device identified in a room: a new room when {@code roomId} is null. */
    protected WsClient inRoom(String deviceId, String roomId) {
        WsClient c = device(deviceId);
        JsonObject room = identify(c, deviceId, "identity-of-" + deviceId, roomId);
        assertEquals(roomId == null ? "created_new" : "joined_existing", room.getString("status"));
        return c;
    }

    protected static String roomOf(WsClient c, String deviceId) {
        c.send("{\"type\":\"query_room\"}");
        return next(c, "room_info").getString("room_id");
    }

    /** The next frame of a /rooms {@code type} (device frames also carry a {@code message_type}). */
    protected static JsonObject next(WsClient c, String type) {
        return c.nextMatching(m -> type.equals(m.getString("type", "")));
    }

    private static JsonObject error(WsClient c) {
        return next(c, "error");
    }

    private static void assertNothing(WsClient c) {
        List<String> got = c.drain(QUIET);
        assertTrue(got.isEmpty(), "unexpected: " + got);
    }

    // ----- identity and room assignment -------------------------------------------------------------------------

    @Test
    void aNewDeviceWithoutRoomIdGetsAFreshSixCharacterRoom() {
        String d = newDevice();
        try (WsClient c = device(d)) {
            JsonObject room = identify(c, d, "mobile_user", null);
            assertEquals("created_new", room.getString("status"));
            assertTrue(room.getString("room_id").matches("[A-Z0-9]{6}"), room.toString());
        }
    }

    @Test
    void aNamedRoomThatExistsIsJoined() {
        String a = newDevice();
        String b = newDevice();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = device(b)) {
                JsonObject r = identify(cb, b, "desktop_user", room);
                assertEquals("joined_existing", r.getString("status"));
                assertEquals(room, r.getString("room_id"));
            }
        }
    }

    @Test
    void anUnknownRoomIsRoomNotFoundAndTheDeviceStaysOutsideAnyRoomUntilItIdentifiesAgain() {
        String d = newDevice();
        String other = newDevice();
        try (WsClient host = inRoom(other, null); WsClient c = device(d)) {
            String existing = roomOf(host, other);
            JsonObject r = identify(c, d, "sensor_node", "NOSUCH");
            assertEquals("room_not_found", r.getString("status"));
            assertEquals("NOSUCH", r.getString("room_id"));
            c.send("{\"type\":\"message\",\"content\":\"anyone?\"}");
            assertEquals("not in a room", error(c).getString("message"));
            c.send("{\"type\":\"query_room\"}");
            assertEquals("not in a room", error(c).getString("message"));
            assertNothing(host);
            JsonObject again = identify(c, d, "sensor_node", existing);
            assertEquals("joined_existing", again.getString("status"));
            c.send("{\"type\":\"message\",\"content\":\"now I am in\"}");
            assertEquals("now I am in", next(host, "message").getString("content"));
        }
    }

    @Test
    void aDeviceSeenBeforeGoesBackToItsLastRoom() {
        String d = newDevice();
        String room;
        try (WsClient c = inRoom(d, null)) {
            room = roomOf(c, d);
        }
        // The room outlives its last device.
        try (WsClient c = device(d)) {
            JsonObject r = identify(c, d, "mobile_user", null);
            assertEquals("reconnected", r.getString("status"));
            assertEquals(room, r.getString("room_id"));
        }
    }

    @Test
    void aDeviceConnectingAgainReplacesItsOldConnection() {
        String d = newDevice();
        String peer = newDevice();
        try (WsClient old = inRoom(d, null)) {
            String room = roomOf(old, d);
            try (WsClient p = inRoom(peer, room); WsClient fresh = device(d)) {
                JsonObject r = identify(fresh, d, "mobile_user", null);
                assertEquals("reconnected", r.getString("status"));
                assertEquals(room, r.getString("room_id"));
                WsClient.Close closed = old.awaitClose();
                assertEquals(1008, closed.code());
                assertEquals("replaced", closed.reason());
                p.send("{\"type\":\"query_room\"}");
                JsonObject info = next(p, "room_info");
                assertEquals(2, info.getInt("total_clients"), info.toString());
                assertEquals(d, info.getJsonArray("clients").getJsonObject(0).getString("device_id"));
                p.send("{\"type\":\"message\",\"content\":\"still there?\",\"target_device_id\":\"" + d + "\"}");
                assertEquals("still there?", next(fresh, "message").getString("content"));
            }
        }
    }

    @Test
    void aSecondIdentityInARoomIsAnError() {
        String d = newDevice();
        try (WsClient c = inRoom(d, null)) {
            c.send("{\"device_id\":\"" + d + "\",\"identity\":\"x\"}");
            assertTrue(error(c).getString("message").startsWith("already in room"));
        }
    }

    // ----- messages ------------------------------------------------------------------------------------------------

    @Test
    void aBroadcastReachesEveryOtherDeviceInTheRoomWithTheClientsTimestamp() {
        String a = newDevice();
        String b = newDevice();
        String c = newDevice();
        String stranger = newDevice();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = inRoom(b, room); WsClient cc = inRoom(c, room); WsClient cs = inRoom(stranger, null)) {
                ca.send("{\"type\":\"message\",\"content\":\"Hello everyone in the room!\","
                        + "\"timestamp\":\"2024-01-20T12:34:56Z\"}");
                for (WsClient receiver : List.of(cb, cc)) {
                    JsonObject m = next(receiver, "message");
                    assertEquals("Hello everyone in the room!", m.getString("content"));
                    assertEquals(a, m.getString("from_device_id"));
                    assertEquals("broadcast", m.getString("message_type"));
                    assertEquals("2024-01-20T12:34:56Z", m.getString("timestamp"));
                    assertEquals(5, m.size(), "exactly the seed's fields: " + m);
                }
                assertNothing(ca);
                assertNothing(cs);
            }
        }
    }

    @Test
    void withoutATimestampTheServersIsUsedAndAnyJsonContentIsPassedOn() {
        String a = newDevice();
        String b = newDevice();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = inRoom(b, room)) {
                Instant before = Instant.now().minusSeconds(1);
                ca.send("{\"type\":\"message\",\"content\":{\"temperature\":21.5,\"unit\":\"C\"}}");
                JsonObject m = next(cb, "message");
                assertEquals(21.5, m.getJsonObject("content").getJsonNumber("temperature").doubleValue());
                Instant stamped = Instant.parse(m.getString("timestamp"));
                assertFalse(stamped.isBefore(before), stamped.toString());
            }
        }
    }

    @Test
    void aDirectMessageReachesOnlyItsTarget() {
        String a = newDevice();
        String b = newDevice();
        String c = newDevice();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = inRoom(b, room); WsClient cc = inRoom(c, room)) {
                ca.send("{\"type\":\"message\",\"content\":\"Private message for you\",\"target_device_id\":\"" + b
                        + "\",\"timestamp\":\"2024-01-20T12:34:56Z\"}");
                JsonObject m = next(cb, "message");
                assertEquals("Private message for you", m.getString("content"));
                assertEquals(a, m.getString("from_device_id"));
                assertEquals("direct", m.getString("message_type"));
                assertEquals("2024-01-20T12:34:56Z", m.getString("timestamp"));
                assertNothing(cc);
                assertNothing(ca);
            }
        }
    }

    @Test
    void aDirectMessageToADeviceNotInTheRoomIsAnError() {
        String a = newDevice();
        String elsewhere = newDevice();
        try (WsClient ca = inRoom(a, null); WsClient ce = inRoom(elsewhere, null)) {
            ca.send("{\"type\":\"message\",\"content\":\"psst\",\"target_device_id\":\"nobody-" + UUID.randomUUID()
                    + "\"}");
            assertTrue(error(ca).getString("message").contains("is not in room"));
            ca.send("{\"type\":\"message\",\"content\":\"psst\",\"target_device_id\":\"" + elsewhere + "\"}");
            assertTrue(error(ca).getString("message").contains("is not in room"));
            assertNothing(ce);
        }
    }

    @Test
    void queryRoomCountsEveryDeviceAndListsTheOthers() {
        String a = newDevice();
        String b = newDevice();
        String c = newDevice();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = inRoom(b, room); WsClient cc = inRoom(c, room)) {
                ca.send("{\"type\":\"query_room\"}");
                JsonObject info = next(ca, "room_info");
                assertEquals(room, info.getString("room_id"));
                assertEquals(3, info.getInt("total_clients"));
                List<String> others = info.getJsonArray("clients").getValuesAs(JsonObject.class).stream()
                        .map(x -> x.getString("device_id") + "/" + x.getString("identity")).sorted().toList();
                assertEquals(List.of(b + "/identity-of-" + b, c + "/identity-of-" + c).stream().sorted().toList(),
                        others);
            }
        }
    }

    // ----- errors and authentication -----------------------------------------------------------------------------

    @Test
    void badInputGetsAnErrorAndTheConnectionStaysUsable() {
        String d = newDevice();
        try (WsClient c = device(d)) {
            c.send("{\"type\":\"message\",\"content\":\"too early\"}");
            assertTrue(error(c).getString("message").startsWith("identify first"));
            c.send("not json at all");
            assertEquals("invalid JSON", error(c).getString("message"));
            c.send("{\"device_id\":\"" + d + "\"}");
            assertEquals("\"identity\" is required", error(c).getString("message"));
            JsonObject r = identify(c, d, "mobile_user", null);
            assertEquals("created_new", r.getString("status"));
            c.send("{\"type\":\"dance\"}");
            assertEquals("unknown message type 'dance'", error(c).getString("message"));
            c.send("{\"type\":\"message\"}");
            assertEquals("\"content\" is required", error(c).getString("message"));
            c.send("[1,2,3]");
            assertEquals("error", c.nextJson().getString("type"));
            c.sendBinary(new byte[] {1, 2, 3});
            assertTrue(error(c).getString("message").startsWith("binary frames are not supported"));
            c.send("{\"type\":\"query_room\"}");
            assertEquals(1, next(c, "room_info").getInt("total_clients"));
        }
    }

    @Test
    void aDeviceIdOtherThanTheTokensGetsAnErrorAndIsClosedWith1008() {
        String d = newDevice();
        try (WsClient c = device(d)) {
            c.send("{\"device_id\":\"someone-else\",\"identity\":\"impostor\"}");
            assertTrue(error(c).getString("message").contains("does not match the token"));
            assertEquals(1008, c.awaitClose().code());
        }
    }

    @Test
    void withoutATokenADeviceIsRefusedUnlessAnonymousDevicesAreAllowed() {
        Assumptions.assumeFalse(anonymousDevicesAllowed(), "this server admits anonymous devices");
        WsClient.Refused r = assertThrows(WsClient.Refused.class, () -> WsClient.connect(target().ws("rooms")).close());
        assertEquals(401, r.status);
    }

    @ParameterizedTest
    @ValueSource(ints = {70_000, 1_000_000})
    void anOversizedFrameClosesWith1009(int size) {
        String d = newDevice();
        try (WsClient c = inRoom(d, null)) {
            try {
                c.send("{\"type\":\"message\",\"content\":\"" + "x".repeat(size) + "\"}");
            } catch (RuntimeException e) {
                // the server may close before the client has written the whole frame
            }
            assertEquals(1009, c.awaitClose().code());
        }
    }

    @Test
    void usersOnWsCannotJoinADeviceRoom() {
        String d = newDevice();
        try (WsClient c = inRoom(d, null)) {
            String room = roomOf(c, d);
            try (WsClient user = WsClient.connect(target(), "ws", target().userToken("u-" + UUID.randomUUID()))) {
                user.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
                JsonObject e = user.nextMatching(m -> "j".equals(m.getString("id", "")));
                assertEquals("not_member", e.getJsonObject("data").getString("code"));
            }
        }
    }

    // ----- the admin API's view ------------------------------------------------------------------------------------

    @Test
    void theAdminApiListsDeviceRoomsWithTheirDevicesAndHistory() {
        String a = newDevice();
        String b = newDevice();
        String admin = target().adminToken();
        try (WsClient ca = inRoom(a, null)) {
            String room = roomOf(ca, a);
            try (WsClient cb = inRoom(b, room)) {
                for (int i = 1; i <= 3; i++) {
                    ca.send("{\"type\":\"message\",\"content\":\"m" + i + "\"}");
                    assertEquals("m" + i, next(cb, "message").getString("content"));
                }
                cb.send("{\"type\":\"message\",\"content\":\"reply\",\"target_device_id\":\"" + a + "\"}");
                next(ca, "message");

                JsonObject list = Http.get(target().http("ws/rooms?limit=1000"), admin).json();
                JsonObject summary = list.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                        .filter(r -> room.equals(r.getString("room_id"))).findFirst().orElseThrow();
                assertEquals("device", summary.getString("kind"));
                assertEquals(2, summary.getInt("members"));

                JsonObject detail = Http.get(target().http("ws/rooms/" + room), admin).json();
                assertEquals(2, detail.getInt("member_count"));
                List<String> members = detail.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("id") + "/" + m.getString("name")).sorted().toList();
                assertEquals(List.of(a + "/identity-of-" + a, b + "/identity-of-" + b).stream().sorted().toList(),
                        members);

                Eventually.await("4 messages stored", () -> Http.get(target().http("ws/rooms/" + room
                        + "/messages"), admin).json().getJsonNumber("total").longValue() == 4);
                JsonObject page = Http.get(target().http("ws/rooms/" + room + "/messages?limit=2"), admin).json();
                List<JsonObject> newest = page.getJsonArray("messages").getValuesAs(JsonObject.class);
                assertEquals(2, newest.size());
                assertEquals("reply", newest.get(0).getString("content"));
                assertEquals("direct", newest.get(0).getString("message_type"));
                assertEquals(a, newest.get(0).getString("to_device_id"));
                assertEquals("m3", newest.get(1).getString("content"));
                assertEquals("broadcast", newest.get(1).getString("message_type"));
                assertFalse(newest.get(1).containsKey("to_device_id"));
                JsonObject older = Http.get(target().http("ws/rooms/" + room + "/messages?limit=2&offset=2"), admin)
                        .json();
                assertEquals(List.of("m2", "m1"), older.getJsonArray("messages").getValuesAs(JsonObject.class)
                        .stream().map(m -> m.getString("content")).toList());

                JsonObject device = Http.get(target().http("ws/devices/" + a), admin).json();
                assertEquals("identity-of-" + a, device.getString("identity"));
                assertTrue(device.getBoolean("online"));
                assertEquals(room, device.getJsonObject("connection").getString("room_id"));
                assertEquals(room, device.getString("last_room_id"));
            }
        }
        Eventually.await("device offline once its connection closed",
                () -> !Http.get(target().http("ws/devices/" + a), admin).json().getBoolean("online"));
        assertEquals(404, Http.get(target().http("ws/devices/nobody-" + UUID.randomUUID()), admin).status());
        assertEquals(404, Http.get(target().http("ws/rooms/NOROOM/messages"), admin).status());
        assertEquals(403, Http.get(target().http("ws/devices/" + a), target().userToken("x")).status());
        assertEquals(401, Http.get(target().http("ws/rooms/NOROOM/messages"), null).status());
    }

    @Test
    void statsCountDeviceConnectionsAndTheStore() {
        String d = newDevice();
        try (WsClient c = inRoom(d, null)) {
            JsonObject s = Http.get(target().http("ws/stats"), target().adminToken()).json();
            assertTrue(s.getJsonObject("connections_by_endpoint").getInt("rooms") >= 1, s.toString());
            JsonObject store = s.getJsonObject("store");
            assertNotEquals("", store.getString("database"));
            assertTrue(store.getJsonObject("buffer").containsKey("written"), store.toString());
        }
    }
}
