package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of clients sending direct messages and broadcasts at the same time: every message is delivered
 * exactly once, and never to the wrong user.
 */
class ConcurrencyTest {
    private static final int USERS = 200;
    private static final int DIRECT_PER_USER = 10;
    private static final int BROADCASTS_PER_USER = 2;

    @RegisterExtension
    // 200 handshakes at once from 127.0.0.1: past the default SWITCHBOARD_HANDSHAKE_RATE.
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.HANDSHAKE_RATE, "off"));

    @Test
    void everyMessageArrivesExactlyOnceAtTheRightUser() throws Exception {
        List<String> users = new ArrayList<>();
        Map<String, WsClient> clients = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<WsClient>> connecting = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String user = "c" + i;
                users.add(user);
                connecting.add(pool.submit(() -> WsClient.connect(SERVER, "ws", SERVER.userToken(user))));
            }
            for (int i = 0; i < USERS; i++) {
                clients.put(users.get(i), connecting.get(i).get());
            }

            // Plan every message first, so that what each user must receive is known exactly.
            Random random = new Random(42);
            Map<String, Set<String>> expected = new HashMap<>();
            users.forEach(u -> expected.put(u, new HashSet<>()));
            Map<String, List<String>> outgoing = new HashMap<>();
            for (String sender : users) {
                List<String> frames = new ArrayList<>();
                for (int i = 0; i < DIRECT_PER_USER; i++) {
                    String to = users.get(random.nextInt(USERS));
                    String id = "dm:" + sender + ":" + i;
                    frames.add("{\"id\":\"" + id + "\",\"message_type\":\"text\",\"to_user_id\":\"" + to
                            + "\",\"data\":{\"content\":\"" + id + "\"}}");
                    expected.get(to).add(id);
                }
                for (int i = 0; i < BROADCASTS_PER_USER; i++) {
                    String id = "bc:" + sender + ":" + i;
                    frames.add("{\"id\":\"" + id + "\",\"message_type\":\"text\",\"data\":{\"content\":\"" + id + "\"}}");
                    for (String other : users) {
                        if (!other.equals(sender)) {
                            expected.get(other).add(id);
                        }
                    }
                }
                outgoing.put(sender, frames);
            }

            List<Future<?>> sending = new ArrayList<>();
            for (String sender : users) {
                sending.add(pool.submit(() -> outgoing.get(sender).forEach(clients.get(sender)::send)));
            }
            for (Future<?> f : sending) {
                f.get();
            }

            for (String user : users) {
                WsClient c = clients.get(user);
                List<JsonObject> got = c.collect(m -> "text".equals(m.getString("message_type")),
                        expected.get(user).size(), Duration.ofSeconds(60));
                got.addAll(c.drain(Duration.ofMillis(user.equals(users.get(0)) ? 500 : 5)).stream()
                        .map(WsClient::parse).filter(m -> "text".equals(m.getString("message_type"))).toList());
                Set<String> seen = new HashSet<>();
                for (JsonObject m : got) {
                    String id = m.getString("id");
                    assertTrue(seen.add(id), user + " received " + id + " twice");
                    String sender = id.split(":")[1];
                    assertEquals(sender, m.getString("from_user_id"), "sender of " + id);
                    if (id.startsWith("dm:")) {
                        assertEquals(user, m.getString("to_user_id"), id + " delivered to the wrong user");
                    }
                }
                assertEquals(expected.get(user), seen, "what " + user + " received");
            }
        } finally {
            clients.values().forEach(WsClient::close);
            pool.shutdownNow();
        }
    }
}
