package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.SilentCrowd;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 9, item 1: 2,000 {@code /ws} users (default settings, so global presence) stop reading, a burst of room
 * messages overflows every one of their outbound queues, and they all drop at once. Each close sends
 * {@code user_left} to everyone still there — whose queues are just as full. Those closes must not run inside the
 * delivery that caused them (one thread's stack then held close → user_left → overflow → close → … until it
 * overflowed, and users stayed "online" for good). Afterwards nobody is left: no connection, no user, no room, and
 * a watcher that stayed connected heard of each user leaving exactly once.
 */
class MassDisconnectTest {
    private static final int CLIENTS = 2_000;
    /** 2,000 messages of 2 kB: past the outbound bound (and the little the kernel keeps) of every silent client. */
    private static final int BURST = 2_000;
    private static final String PAYLOAD = "x".repeat(2_000);
    private static final String ROOM = "flood";
    private static final String JOIN = "{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"" + ROOM + "\"}}";
    private static final Duration LONG_WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    // 2,000 handshakes from 127.0.0.1 and a burst of 2,000 messages from one sender: past the default limits.
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.HANDSHAKE_RATE, "off", Settings.RATE_LIMIT, "off"));

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCrowdOfSlowConsumersLeavingAtOnceLeavesNoGhostsAndEachLeaveIsToldOnce() throws Exception {
        try (WsClient watcher = WsClient.connect(SERVER, "ws", SERVER.userToken("watcher")).awaitOpen();
             WsClient sender = WsClient.connect(SERVER, "ws", SERVER.userToken("sender")).awaitOpen()) {
            sender.send(JOIN).nextMatching(m -> "j".equals(m.getString("id", "")));
            try (SilentCrowd crowd = SilentCrowd.connect(SERVER, CLIENTS,
                    i -> "ws?token=" + SERVER.userToken(user(i)), i -> JOIN)) {
                assertEquals(CLIENTS, heardOnce(watcher, "user_joined").size(), "user_joined per user");
                Eventually.await("every client is in the room", LONG_WAIT, () -> members(ROOM) == CLIENTS + 1);

                crowd.stopReading();
                for (int i = 0; i < BURST; i++) {
                    sender.send("{\"id\":\"b" + i + "\",\"message_type\":\"text\",\"room\":\"" + ROOM
                            + "\",\"data\":{\"content\":\"" + PAYLOAD + "\"}}");
                }
                // The sender's messages are handled in order: after this pong the burst has been delivered.
                sender.send("{\"id\":\"after-burst\",\"message_type\":\"ping\"}")
                        .nextMatching(m -> "after-burst".equals(m.getString("id", "")));
                Eventually.await("the burst overflowed the silent clients' queues", LONG_WAIT,
                        () -> stats().getJsonObject("closes").getInt("slow_consumer") > 0);
            }

            Map<String, Integer> left = heardOnce(watcher, "user_left");
            assertEquals(CLIENTS, left.size(), "users the watcher heard leave");
            assertFalse(watcher.isClosed(), "the watcher is still connected");
        }

        Eventually.await("nobody is online any more", LONG_WAIT, () -> Http.get(SERVER.http("ws/online"),
                SERVER.adminToken()).json().getInt("count") == 0);
        Eventually.await("no connection is left", LONG_WAIT, () -> stats().getInt("total_connections") == 0);
        JsonObject stats = stats();
        assertEquals(0, stats.getInt("unique_users"), stats.toString());
        assertEquals(0, stats.getInt("rooms"), stats.toString());
        assertEquals(404, Http.get(SERVER.http("ws/rooms/" + ROOM), SERVER.adminToken()).status());
    }

    private static String user(int i) {
        return "mass-" + i;
    }

    /**
     * Waits for a global presence event (no {@code data.room}) about each of the crowd's users, then for a moment
     * of quiet, and checks that none came twice.
     *
     * @return how often each user was named
     */
    private static Map<String, Integer> heardOnce(WsClient watcher, String type) {
        Map<String, Integer> count = new TreeMap<>();
        for (JsonObject m : watcher.collect(m -> isCrowdPresence(m, type), CLIENTS, LONG_WAIT)) {
            count.merge(m.getJsonObject("data").getString("user_id"), 1, Integer::sum);
        }
        for (String s : watcher.drain(Duration.ofMillis(500))) {
            JsonObject m = WsClient.parse(s);
            if (isCrowdPresence(m, type)) {
                count.merge(m.getJsonObject("data").getString("user_id"), 1, Integer::sum);
            }
        }
        Map<String, Integer> twice = new TreeMap<>(count);
        twice.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), twice, type + " heard more than once");
        return count;
    }

    private static boolean isCrowdPresence(JsonObject m, String type) {
        if (!type.equals(m.getString("message_type", ""))) {
            return false;
        }
        JsonObject data = m.getJsonObject("data");
        return !data.containsKey("room") && data.getString("user_id", "").startsWith("mass-");
    }

    private static int members(String room) {
        Http.Reply r = Http.get(SERVER.http("ws/rooms/" + room), SERVER.adminToken());
        return r.status() == 200 ? r.json().getJsonArray("members").size() : 0;
    }

    private static JsonObject stats() {
        return Http.get(SERVER.http("ws/stats"), SERVER.adminToken()).json();
    }
}
