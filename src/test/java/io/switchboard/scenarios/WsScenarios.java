package io.switchboard.scenarios;

import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code /ws} rule of SPEC §4 and §12, with real clients. Shared by all runtimes. */
public abstract class WsScenarios {

    protected abstract ServerTarget target();

    protected static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    protected WsClient connect(String user) {
        return WsClient.connect(target(), "ws", target().userToken(user)).awaitOpen();
    }

    private static JsonObject from(WsClient c, String id) {
        return c.nextMatching(m -> id.equals(m.getString("id", "")));
    }

    @Test
    void pingIsAnsweredWithPongOfTheSameId() {
        try (WsClient c = connect(newUser())) {
            c.send("{\"id\":\"abc\",\"message_type\":\"ping\",\"data\":{},\"timestamp\":\"2024-01-01T00:00:00Z\"}");
            JsonObject pong = from(c, "abc");
            assertEquals("pong", pong.getString("message_type"));
        }
    }

    @Test
    void aDirectMessageReachesEveryConnectionOfTheUserAndTheServerSetsSenderAndTime() {
        String alice = newUser();
        String bob = newUser();
        try (WsClient a = connect(alice); WsClient b1 = connect(bob); WsClient b2 = connect(bob)) {
            a.send("{\"id\":\"m1\",\"message_type\":\"text\",\"data\":{\"content\":\"hi\"},\"to_user_id\":\"" + bob
                    + "\",\"from_user_id\":\"mallory\",\"timestamp\":\"1999-01-01T00:00:00Z\"}");
            for (WsClient b : List.of(b1, b2)) {
                JsonObject m = from(b, "m1");
                assertEquals("text", m.getString("message_type"));
                assertEquals("hi", m.getJsonObject("data").getString("content"));
                assertEquals(alice, m.getString("from_user_id"));
                assertEquals(bob, m.getString("to_user_id"));
                assertNotEquals("1999-01-01T00:00:00Z", m.getString("timestamp"));
            }
            assertTrue(a.drain(Duration.ofMillis(300)).stream().noneMatch(s -> s.contains("\"m1\"")),
                    "the sender got its own direct message");
        }
    }

    @Test
    void aMissingIdIsFilledInByTheServer() {
        String alice = newUser();
        String bob = newUser();
        try (WsClient a = connect(alice); WsClient b = connect(bob)) {
            a.send("{\"message_type\":\"notification\",\"data\":{\"n\":1},\"to_user_id\":\"" + bob + "\"}");
            JsonObject m = b.nextOfType("notification");
            assertFalse(m.getString("id").isBlank());
        }
    }

    @Test
    void aDirectMessageToAnOfflineUserGetsUserOffline() {
        try (WsClient a = connect(newUser())) {
            a.send("{\"id\":\"x1\",\"message_type\":\"text\",\"data\":{\"content\":\"?\"},\"to_user_id\":\"nobody-"
                    + UUID.randomUUID() + "\"}");
            JsonObject e = from(a, "x1");
            assertEquals("error", e.getString("message_type"));
            assertEquals("user_offline", e.getJsonObject("data").getString("code"));
            assertFalse(e.getJsonObject("data").getBoolean("queued"));
        }
    }

    @Test
    void aBroadcastReachesEveryConnectionButTheSendingOne() {
        String alice = newUser();
        try (WsClient a1 = connect(alice); WsClient a2 = connect(alice); WsClient b = connect(newUser())) {
            String id = "bc-" + UUID.randomUUID();
            a1.send("{\"id\":\"" + id + "\",\"message_type\":\"text\",\"data\":{\"content\":\"all\"}}");
            assertEquals(alice, from(a2, id).getString("from_user_id"));
            assertEquals(alice, from(b, id).getString("from_user_id"));
            assertTrue(a1.drain(Duration.ofMillis(300)).stream().noneMatch(s -> s.contains(id)));
        }
    }

    @Test
    void userJoinedOnTheFirstConnectionAndUserLeftAfterTheLast() {
        String watcher = newUser();
        String carol = newUser();
        try (WsClient w = connect(watcher)) {
            WsClient c1 = connect(carol);
            JsonObject joined = w.nextMatching(m -> "user_joined".equals(m.getString("message_type"))
                    && carol.equals(m.getJsonObject("data").getString("user_id")));
            assertEquals(carol + "-name", joined.getJsonObject("data").getString("username"));
            WsClient c2 = connect(carol);
            c1.close();
            c1.awaitClose();
            // Carol still has a connection: nobody is told she left.
            assertTrue(w.drain(Duration.ofMillis(400)).stream().noneMatch(s -> s.contains(carol)),
                    "presence changed while the user still had a connection");
            c2.close();
            JsonObject left = w.nextMatching(m -> "user_left".equals(m.getString("message_type"))
                    && carol.equals(m.getJsonObject("data").getString("user_id")));
            assertEquals(carol + "-name", left.getJsonObject("data").getString("username"));
        }
    }

    @Test
    void aConnectionThatVanishesWithoutACloseFrameIsGoneForEveryone() throws Exception {
        String watcher = newUser();
        String dave = newUser();
        try (WsClient w = connect(watcher)) {
            RawWebSocket raw = RawWebSocket.open(target().ws("ws?token=" + target().userToken(dave)));
            w.nextMatching(m -> "user_joined".equals(m.getString("message_type"))
                    && dave.equals(m.getJsonObject("data").getString("user_id")));
            // A round trip first: the connection is fully open (a socket gone during the open callback is the
            // keepalive's case, below).
            raw.pingRoundTrip();
            raw.close(); // the TCP connection ends, no close frame
            w.nextMatching(m -> "user_left".equals(m.getString("message_type"))
                    && dave.equals(m.getJsonObject("data").getString("user_id")));
            w.send("{\"id\":\"gone\",\"message_type\":\"text\",\"to_user_id\":\"" + dave + "\",\"data\":{}}");
            JsonObject error = from(w, "gone");
            assertEquals("user_offline", error.getJsonObject("data").getString("code"));
        }
    }

    @Test
    void roomsJoinSendAndLeave() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String alice = newUser();
        String bob = newUser();
        try (WsClient a = connect(alice); WsClient b = connect(bob); WsClient outsider = connect(newUser())) {
            a.send("{\"id\":\"j1\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            JsonObject ack = from(a, "j1");
            assertEquals("system_message", ack.getString("message_type"));
            assertEquals("joined", ack.getJsonObject("data").getString("event"));
            assertEquals(room, ack.getJsonObject("data").getString("room"));

            b.send("{\"id\":\"j2\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            from(b, "j2");
            JsonObject bobJoined = a.nextMatching(m -> "user_joined".equals(m.getString("message_type"))
                    && room.equals(m.getJsonObject("data").getString("room", "")));
            assertEquals(bob, bobJoined.getJsonObject("data").getString("user_id"));

            b.send("{\"id\":\"r1\",\"message_type\":\"text\",\"room\":\"" + room + "\",\"data\":{\"content\":\"in room\"}}");
            JsonObject inRoom = from(a, "r1");
            assertEquals(room, inRoom.getString("room"));
            assertEquals(bob, inRoom.getString("from_user_id"));
            assertTrue(b.drain(Duration.ofMillis(300)).stream().noneMatch(s -> s.contains("\"r1\"")),
                    "the sender received its own room message");
            assertTrue(outsider.drain(Duration.ofMillis(100)).stream().noneMatch(s -> s.contains("\"r1\"")),
                    "a non-member received a room message");

            outsider.send("{\"id\":\"r2\",\"message_type\":\"text\",\"room\":\"" + room + "\",\"data\":{}}");
            assertEquals("not_member", from(outsider, "r2").getJsonObject("data").getString("code"));

            b.send("{\"id\":\"l1\",\"message_type\":\"leave\",\"data\":{\"room\":\"" + room + "\"}}");
            assertEquals("left", from(b, "l1").getJsonObject("data").getString("event"));
            JsonObject bobLeft = a.nextMatching(m -> "user_left".equals(m.getString("message_type"))
                    && room.equals(m.getJsonObject("data").getString("room", "")));
            assertEquals(bob, bobLeft.getJsonObject("data").getString("user_id"));

            b.send("{\"id\":\"l2\",\"message_type\":\"leave\",\"data\":{\"room\":\"" + room + "\"}}");
            assertEquals("not_member", from(b, "l2").getJsonObject("data").getString("code"));
        }
    }

    @Test
    void aClosingMemberIsAnnouncedToTheRoom() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = newUser();
        try (WsClient a = connect(newUser())) {
            WsClient b = connect(bob);
            a.send("{\"id\":\"j1\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            from(a, "j1");
            b.send("{\"id\":\"j2\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            from(b, "j2");
            b.close();
            JsonObject left = a.nextMatching(m -> "user_left".equals(m.getString("message_type"))
                    && room.equals(m.getJsonObject("data").getString("room", "")));
            assertEquals(bob, left.getJsonObject("data").getString("user_id"));
        }
    }

    @Test
    void badInputGetsAnErrorAndTheConnectionKeepsServing() {
        try (WsClient c = connect(newUser()); WsClient other = connect(newUser())) {
            c.send("this is not json");
            assertEquals("bad_json", c.nextOfType("error").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"s1\",\"message_type\":\"text\",\"data\":\"a string, not an object\"}");
            JsonObject shape = from(c, "s1");
            assertEquals("bad_message", shape.getJsonObject("data").getString("code"));

            c.send("{\"id\":\"t1\",\"message_type\":\"teleport\"}");
            assertEquals("unknown_type", from(c, "t1").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"n1\",\"data\":{}}");
            assertEquals("bad_message", from(c, "n1").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"sv\",\"message_type\":\"user_joined\",\"data\":{}}");
            assertEquals("bad_message", from(c, "sv").getJsonObject("data").getString("code"));

            c.send("[1,2,3]");
            assertEquals("bad_message", c.nextOfType("error").getJsonObject("data").getString("code"));

            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals("unsupported_binary", c.nextOfType("error").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"bad room name!\"}}");
            assertEquals("bad_message", from(c, "j").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"alive\",\"message_type\":\"ping\"}");
            assertEquals("pong", from(c, "alive").getString("message_type"));
            other.send("{\"id\":\"fine\",\"message_type\":\"ping\"}");
            assertEquals("pong", from(other, "fine").getString("message_type"));
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesWith1009AndNobodyElseNotices() {
        try (WsClient big = connect(newUser()); WsClient other = connect(newUser())) {
            big.send("{\"message_type\":\"text\",\"data\":{\"content\":\"" + "x".repeat(70_000) + "\"}}");
            assertEquals(1009, big.awaitClose().code());
            other.send("{\"id\":\"fine\",\"message_type\":\"ping\"}");
            assertEquals("pong", from(other, "fine").getString("message_type"));
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007AndNobodyElseNotices() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(target().ws("ws?token=" + target().userToken(newUser())));
             WsClient other = connect(newUser())) {
            raw.sendFrame(1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, raw.awaitCloseCode());
            other.send("{\"id\":\"fine\",\"message_type\":\"ping\"}");
            assertEquals("pong", from(other, "fine").getString("message_type"));
        }
    }

    @Test
    void moreThanTwentyErrorsInTenSecondsCloseWith1008() {
        try (WsClient c = connect(newUser())) {
            for (int i = 0; i < 21; i++) {
                c.send("nope " + i);
            }
            WsClient.Close close = c.awaitClose();
            assertEquals(1008, close.code());
            assertEquals("too many errors", close.reason());
        }
    }

    @Test
    void aRefreshWithANewTokenOfTheSameUserIsAcknowledged() {
        String me = newUser();
        try (WsClient c = connect(me)) {
            c.send("{\"id\":\"rf\",\"message_type\":\"refresh\",\"data\":{\"token\":\"" + target().userToken(me) + "\"}}");
            JsonObject ok = from(c, "rf");
            assertEquals("system_message", ok.getString("message_type"));
            assertEquals("refreshed", ok.getJsonObject("data").getString("event"));
            assertFalse(ok.getJsonObject("data").getString("expires_at").isBlank());

            c.send("{\"id\":\"rf2\",\"message_type\":\"refresh\",\"data\":{\"token\":\"" + target().userToken(newUser()) + "\"}}");
            assertEquals("refresh_failed", from(c, "rf2").getJsonObject("data").getString("code"));

            c.send("{\"id\":\"rf3\",\"message_type\":\"refresh\",\"data\":{\"token\":\"garbage\"}}");
            assertEquals("refresh_failed", from(c, "rf3").getJsonObject("data").getString("code"));
        }
    }

    @Test
    void concurrentHandshakesEachKeepTheirOwnUser() throws Exception {
        // Catches a container sharing the Configurator's user properties between simultaneous handshakes.
        int n = 16;
        String collector = newUser();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(newUser());
        }
        List<WsClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (WsClient sink = connect(collector)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<WsClient>> opening = new ArrayList<>();
            for (String u : users) {
                opening.add(pool.submit(() -> {
                    go.await();
                    return connect(u);
                }));
            }
            go.countDown();
            for (Future<WsClient> f : opening) {
                clients.add(f.get());
            }
            for (int i = 0; i < n; i++) {
                clients.get(i).send("{\"id\":\"who-" + i + "\",\"message_type\":\"text\",\"to_user_id\":\"" + collector
                        + "\",\"data\":{\"content\":\"" + users.get(i) + "\"}}");
            }
            Set<String> senders = new HashSet<>();
            for (int i = 0; i < n; i++) {
                JsonObject m = sink.nextMatching(x -> "text".equals(x.getString("message_type", "")));
                assertEquals(m.getJsonObject("data").getString("content"), m.getString("from_user_id"),
                        "a connection carried another handshake's user");
                senders.add(m.getString("from_user_id"));
            }
            assertEquals(Set.copyOf(users), senders);
        } finally {
            clients.forEach(WsClient::close);
            pool.shutdownNow();
        }
    }
}
