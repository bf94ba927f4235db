package io.switchboard.store;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.standalone.StandaloneServer;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistence layer against a real database (SPEC §8): what is stored, the seed's monitoring SQL as written,
 * a database outage (cut through a {@link TcpProxy}) survived with every accepted message stored exactly once,
 * an orderly shutdown that writes everything accepted, and rooms that outlive a restart. One class, run against
 * H2, PostgreSQL and MariaDB by its subclasses; each test gets a database of its own.
 */
public abstract class PersistenceScenarios {

    /** A fresh, empty database: the application's URL (through the proxy) and the test's own (direct). */
    protected record FreshDatabase(String appUrl, String directUrl, String user, String password,
                                   AutoCloseable dropper) {
    }

    /** Skips (or, under CI, fails) when the database is not there. */
    protected abstract void requireDatabase();

    protected abstract String databaseHost();

    protected abstract int databasePort();

    /** A new empty database reachable at {@code proxyPort}. */
    protected abstract FreshDatabase createDatabase(int proxyPort) throws Exception;

    /**
     * Seed 002's third monitoring query ("room activity in the last hour"): as written on MariaDB (it uses MySQL's
     * DATE_SUB); elsewhere the equivalent that docs/persistence.md gives.
     */
    protected abstract String roomActivityQuery();

    static final String SEED_ACTIVE_CONNECTIONS = """
            SELECT device_id, room_id, connected_at\s
            FROM connections\s
            WHERE disconnected_at IS NULL""";
    static final String SEED_MESSAGE_STATS = """
            SELECT message_type, COUNT(*) as count\s
            FROM messages\s
            GROUP BY message_type""";
    static final String SEED_ROOM_ACTIVITY = """
            SELECT room_id, COUNT(DISTINCT from_device_id) as active_devices
            FROM messages\s
            WHERE sent_at > DATE_SUB(NOW(), INTERVAL 1 HOUR)
            GROUP BY room_id""";

    private TcpProxy proxy;
    private FreshDatabase db;
    private StandaloneServer server;
    private ServerTarget target;

    @BeforeEach
    void setUp() throws Exception {
        requireDatabase();
        proxy = new TcpProxy(databaseHost(), databasePort());
        db = createDatabase(proxy.port());
        startServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        stopServer();
        if (proxy != null) {
            proxy.close();
        }
        if (db != null) {
            db.dropper().close();
        }
    }

    private void startServer() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Settings.HOST, "127.0.0.1");
        config.put(Settings.PORT, "0");
        config.put(Settings.JWT_SECRET, ServerTarget.SECRET);
        String url = db.appUrl();
        config.put(Settings.DATABASE_URL, url);
        server = new StandaloneServer(Settings.load(ConfigSource.of(config)));
        server.start();
        int port = server.port();
        target = () -> URI.create("http://127.0.0.1:" + port + "/");
    }

    private void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    // ----- helpers ----------------------------------------------------------------------------------------------

    private WsClient device(String id, String room) {
        return StoreClients.device(target, id, room);
    }

    private static JsonObject next(WsClient c, String type) {
        return StoreClients.next(c, type);
    }

    private static String roomOf(WsClient c) {
        return StoreClients.roomOf(c);
    }

    private WsClient user(String id) {
        WsClient c = WsClient.connect(target, "ws", target.userToken(id));
        c.send("{\"id\":\"ready\",\"message_type\":\"ping\"}");
        c.nextMatching(m -> "ready".equals(m.getString("id", "")));
        return c;
    }

    private JsonObject storeStats() {
        return StoreClients.buffer(target);
    }

    private void awaitAllWritten() {
        Eventually.await("the store buffer is empty", Duration.ofSeconds(30),
                () -> storeStats().getJsonNumber("buffered").longValue() == 0);
    }

    private Connection direct() throws SQLException {
        return DriverManager.getConnection(db.directUrl(), db.user(), db.password());
    }

    /** Rows of a query, each column as text (null stays null), in the order returned. */
    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = direct(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    // ----- tests ------------------------------------------------------------------------------------------------

    @Test
    void everyConnectionMessageAndQueryIsStoredAndTheSeedsMonitoringSqlRunsAsWritten() throws Exception {
        String a = "dev-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "dev-b-" + UUID.randomUUID().toString().substring(0, 6);
        String room;
        try (WsClient ca = device(a, null)) {
            room = roomOf(ca);
            try (WsClient cb = device(b, room)) {
                ca.send("{\"type\":\"message\",\"content\":\"hello room\"}");
                next(cb, "message");
                cb.send("{\"type\":\"message\",\"content\":\"just you\",\"target_device_id\":\"" + a + "\"}");
                next(ca, "message");
            }
            // /ws users: a broadcast, a direct message and a room message.
            try (WsClient alice = user("alice-p"); WsClient bob = user("bob-p")) {
                alice.send("{\"id\":\"w1\",\"message_type\":\"text\",\"data\":{\"content\":\"hi all\"}}");
                bob.nextMatching(m -> "w1".equals(m.getString("id", "")));
                alice.send("{\"id\":\"w2\",\"message_type\":\"notification\",\"to_user_id\":\"bob-p\","
                        + "\"data\":{\"n\":1}}");
                bob.nextMatching(m -> "w2".equals(m.getString("id", "")));
                for (WsClient u : List.of(alice, bob)) {
                    u.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"lobby\"}}");
                    u.nextMatching(m -> "j".equals(m.getString("id", "")));
                }
                alice.send("{\"id\":\"w3\",\"message_type\":\"text\",\"room\":\"lobby\",\"data\":{\"content\":\"r\"}}");
                bob.nextMatching(m -> "w3".equals(m.getString("id", "")));
            }
            awaitAllWritten();

            assertEquals(List.of(List.of(room)), rows("SELECT room_id FROM rooms"));
            assertEquals(List.of(List.of(a, "identity-" + a, room), List.of(b, "identity-" + b, room)),
                    rows("SELECT device_id, identity, last_room_id FROM devices ORDER BY device_id"));
            List<List<String>> conns = rows("SELECT device_id, room_id, client_ip, connected_at, disconnected_at"
                    + " FROM connections ORDER BY device_id");
            assertEquals(2, conns.size());
            assertEquals(List.of(a, room, "127.0.0.1"), conns.get(0).subList(0, 3));
            assertNotNull(conns.get(0).get(3));
            assertNull(conns.get(0).get(4), "a is still connected");
            assertEquals(List.of(b, room, "127.0.0.1"), conns.get(1).subList(0, 3));
            Eventually.await("b's disconnection stored", () -> {
                try {
                    return count("SELECT COUNT(*) FROM connections WHERE device_id = '" + b
                            + "' AND disconnected_at IS NOT NULL") == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(List.of(
                            List.of("rooms", "broadcast", room, a, "null", "null", "null", "hello room"),
                            List.of("rooms", "direct", room, b, a, "null", "null", "just you"),
                            List.of("ws", "broadcast", "null", "null", "null", "alice-p", "null", "{\"content\":\"hi all\"}"),
                            List.of("ws", "direct", "null", "null", "null", "alice-p", "bob-p", "{\"n\":1}"),
                            List.of("ws", "broadcast", "lobby", "null", "null", "alice-p", "null", "{\"content\":\"r\"}")),
                    rows("SELECT channel, message_type, room_id, from_device_id, to_device_id, from_user_id,"
                            + " to_user_id, message_content FROM messages ORDER BY id").stream()
                            .map(r -> r.stream().map(String::valueOf).toList()).toList());
            assertEquals(List.of(List.of("w1", "text"), List.of("w2", "notification"), List.of("w3", "text")),
                    rows("SELECT client_message_id, content_type FROM messages WHERE channel = 'ws' ORDER BY id"));
            assertEquals(List.of(List.of(a, room)), rows("SELECT device_id, room_id FROM room_queries"));

            // The seed's monitoring queries, text as in the seed.
            List<List<String>> active = rows(SEED_ACTIVE_CONNECTIONS);
            assertEquals(1, active.size());
            assertEquals(List.of(a, room), active.get(0).subList(0, 2));
            Map<String, String> byType = new LinkedHashMap<>();
            rows(SEED_MESSAGE_STATS).forEach(r -> byType.put(r.get(0), r.get(1)));
            assertEquals(Map.of("broadcast", "3", "direct", "2"), byType);
            Map<String, String> activity = new HashMap<>();
            rows(roomActivityQuery()).forEach(r -> activity.put(String.valueOf(r.get(0)), r.get(1)));
            assertEquals("2", activity.get(room), activity.toString());
            assertEquals("0", activity.get("lobby"), activity.toString());
        }
    }

    @Test
    void aDatabaseOutageIsSurvivedAndEveryAcceptedMessageIsStoredExactlyOnce() throws Exception {
        String a = "dev-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "dev-b-" + UUID.randomUUID().toString().substring(0, 6);
        int before = 20;
        int during = 60;
        int after = 20;
        try (WsClient ca = device(a, null)) {
            String room = roomOf(ca);
            try (WsClient cb = device(b, room)) {
                for (int i = 0; i < before; i++) {
                    ca.send("{\"type\":\"message\",\"content\":\"outage-" + i + "\"}");
                }
                proxy.cut();
                long start = System.nanoTime();
                for (int i = before; i < before + during; i++) {
                    ca.send("{\"type\":\"message\",\"content\":\"outage-" + i + "\"}");
                }
                // Delivery does not wait for the database.
                for (int i = 0; i < before + during; i++) {
                    assertEquals("outage-" + i, next(cb, "message").getString("content"));
                }
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(),
                        "delivery slowed down by the outage");
                Eventually.await("the store reports the outage", Duration.ofSeconds(20), () -> {
                    JsonObject s = storeStats();
                    return "down".equals(s.getString("state")) && s.getJsonNumber("failures").longValue() > 0
                            && s.getJsonNumber("buffered").longValue() > 0;
                });
                proxy.restore();
                for (int i = before + during; i < before + during + after; i++) {
                    ca.send("{\"type\":\"message\",\"content\":\"outage-" + i + "\"}");
                }
                for (int i = before + during; i < before + during + after; i++) {
                    next(cb, "message");
                }
                awaitAllWritten();
                JsonObject s = storeStats();
                assertEquals("up", s.getString("state"));
                assertEquals(0, s.getJsonNumber("dropped").longValue());
                assertEquals(0, s.getJsonNumber("rejected").longValue());
            }
        }
        List<List<String>> stored = rows("SELECT message_content, COUNT(*) FROM messages"
                + " WHERE message_content LIKE 'outage-%' GROUP BY message_content");
        assertEquals(before + during + after, stored.size(), "every accepted message stored");
        for (List<String> r : stored) {
            assertEquals("1", r.get(1), "stored more than once: " + r.get(0));
        }
    }

    @Test
    void anOrderlyShutdownWritesEverythingAcceptedEvenRightAfterAnOutage() throws Exception {
        String a = "dev-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "dev-b-" + UUID.randomUUID().toString().substring(0, 6);
        int n = 30;
        WsClient ca = device(a, null);
        WsClient cb = device(b, roomOf(ca));
        proxy.cut();
        for (int i = 0; i < n; i++) {
            ca.send("{\"type\":\"message\",\"content\":\"flush-" + i + "\"}");
        }
        for (int i = 0; i < n; i++) {
            next(cb, "message");
        }
        Eventually.await("the outage is noticed", Duration.ofSeconds(20),
                () -> storeStats().getJsonNumber("failures").longValue() > 0);
        // Back, and straight into shutdown while the writer is still waiting out its backoff.
        proxy.restore();
        stopServer();
        assertEquals(1001, ca.awaitClose().code());
        cb.awaitClose();
        assertEquals(n, count("SELECT COUNT(*) FROM messages WHERE message_content LIKE 'flush-%'"));
        assertEquals(0, count("SELECT COUNT(*) FROM connections WHERE disconnected_at IS NULL"),
                "every connection row is closed by the shutdown");
        assertEquals(2, count("SELECT COUNT(*) FROM connections"));
    }

    @Test
    void roomsAndDevicesOutliveARestart() throws Exception {
        String a = "dev-a-" + UUID.randomUUID().toString().substring(0, 6);
        String room;
        try (WsClient ca = device(a, null)) {
            room = roomOf(ca);
        }
        stopServer();
        startServer();
        try (WsClient ca = WsClient.connect(target, "rooms", target.minter().device(a, Duration.ofHours(1)))) {
            ca.send("{\"device_id\":\"" + a + "\",\"identity\":\"identity-" + a + "\"}");
            next(ca, "connection");
            JsonObject r = next(ca, "room");
            assertEquals("reconnected", r.getString("status"));
            assertEquals(room, r.getString("room_id"));
            try (WsClient other = device("dev-c-" + UUID.randomUUID().toString().substring(0, 6), room)) {
                other.send("{\"type\":\"query_room\"}");
                assertEquals(2, next(other, "room_info").getInt("total_clients"));
            }
        }
        JsonObject history = Http.get(target.http("ws/rooms/" + room), target.adminToken()).json();
        assertEquals("device", history.getString("kind"));
    }
}
