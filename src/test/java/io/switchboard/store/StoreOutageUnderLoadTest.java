package io.switchboard.store;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.RequiredService;
import io.switchboard.testing.ServerProcess;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 60 s PostgreSQL outage under a sustained load (issue 12): {@value #PAIRS} {@code /ws} users each send direct
 * messages to a user of their own at {@value #RATE_PER_SENDER} a second (1 000 a second in all) for 80 s, and the
 * database is cut through a {@link TcpProxy} from the 10th to the 70th second. Every message must be delivered
 * during the outage, {@code /ws/stats} must say the store is down and then up again, and in the end every message
 * must be stored exactly once (counted by the client's message id). The default buffer (100 000 records) holds the
 * 60 000 messages of the outage.
 */
class StoreOutageUnderLoadTest {
    private static final Logger LOG = Logger.getLogger(StoreOutageUnderLoadTest.class.getName());
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final int PAIRS = 4;
    private static final int RATE_PER_SENDER = 250;
    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration AFTER = Duration.ofSeconds(10);

    private String schema;
    private TcpProxy proxy;
    private ServerProcess server;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        RequiredService.tcp("PostgreSQL", "127.0.0.1", 5432);
        schema = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(ADMIN_URL, "CREATE SCHEMA " + schema);
        proxy = new TcpProxy("127.0.0.1", 5432);
        Path log = Path.of("target", "fault-logs", "outage-under-load.log");
        Files.deleteIfExists(log);
        server = ServerProcess.start("outage", Map.of(Settings.DATABASE_URL, "postgresql://" + USER
                + "@127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema), log, "384m");
    }

    @AfterEach
    void tearDown() throws Exception {
        clients.forEach(WsClient::close);
        try {
            if (server != null) {
                server.stop(Duration.ofSeconds(20));
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            if (schema != null) {
                execute(ADMIN_URL, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aSixtySecondOutageUnderAThousandMessagesASecondLosesNothingAccepted() throws Exception {
        Eventually.await("the store is up", Duration.ofSeconds(30), () -> "up".equals(state()));
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            WsClient to = connect("recv-" + i);
            WsClient from = connect("send-" + i);
            pairs.add(new Pair(i, from, to));
        }
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (Pair p : pairs) {
            threads.add(start("sender-" + p.index, () -> p.send(sending)));
            threads.add(start("receiver-" + p.index, p::receive));
        }
        Timeline timeline = new Timeline();
        try {
            timeline.watch(BEFORE);
            proxy.cut();
            long cutAt = System.nanoTime();
            int sentAtCut = sent(pairs);
            timeline.watch(OUTAGE);
            // Still cut: everything sent so far has been delivered (delivery does not wait for the database).
            int sentBeforeRestore = sent(pairs);
            int[] sentSoFar = pairs.stream().mapToInt(p -> p.sent.get()).toArray();
            Eventually.await("every message sent during the outage is delivered", Duration.ofSeconds(30),
                    () -> pairs.stream().allMatch(p -> p.received.size() >= sentSoFar[p.index]));
            JsonObject down = StoreClients.buffer(server);
            assertEquals("down", down.getString("state"), down.toString());
            proxy.restore();
            long restoredAt = System.nanoTime();
            Eventually.await("the store is up again", Duration.ofSeconds(30), () -> "up".equals(state()));
            long upAfter = System.nanoTime() - restoredAt;
            timeline.watch(AFTER.minus(Duration.ofNanos(System.nanoTime() - restoredAt)));
            sending.set(false);
            for (Thread t : threads) {
                if (t.getName().contains("sender")) {
                    t.join(10_000);
                }
            }
            int total = sent(pairs);
            Eventually.await("every message delivered", Duration.ofSeconds(30),
                    () -> pairs.stream().allMatch(p -> p.received.size() == p.sent.get()));
            Eventually.await("everything written", Duration.ofSeconds(60), () -> buffered() == 0);
            long caughtUp = System.nanoTime() - restoredAt;
            JsonObject end = StoreClients.buffer(server);
            LOG.info(String.format("sent %d messages (%d during the %d s outage: %d/s); most buffered %d; "
                            + "store up %d ms after the restore, buffer empty %d ms after it (load stopped %d s after it); %s",
                    total, sentBeforeRestore - sentAtCut, TimeUnit.NANOSECONDS.toSeconds(restoredAt - cutAt),
                    (sentBeforeRestore - sentAtCut) * 1_000_000_000L / (restoredAt - cutAt), timeline.mostBuffered,
                    upAfter / 1_000_000, caughtUp / 1_000_000, AFTER.toSeconds(), end));
            assertTrue(timeline.sawDown, "the store was never reported down");
            assertEquals("up", end.getString("state"));
            assertEquals(0, end.getJsonNumber("dropped").longValue(), end.toString());
            assertEquals(0, end.getJsonNumber("rejected").longValue(), end.toString());
            try (Connection c = DriverManager.getConnection(ADMIN_URL + "?currentSchema=" + schema, USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT client_message_id) FROM messages"
                         + " WHERE client_message_id LIKE 'm-%'")) {
                rs.next();
                assertEquals(total, rs.getLong(2), "every accepted message stored");
                assertEquals(total, rs.getLong(1), "each stored once");
            }
        } finally {
            sending.set(false);
            threads.forEach(Thread::interrupt);
        }
    }

    // ----- load -------------------------------------------------------------------------------------------------

    /** One sender and its receiver; the receiver notes every message id it gets. */
    private static final class Pair {
        final int index;
        final WsClient from;
        final WsClient to;
        final AtomicInteger sent = new AtomicInteger();
        final java.util.Set<String> received = ConcurrentHashMap.newKeySet();

        Pair(int index, WsClient from, WsClient to) {
            this.index = index;
            this.from = from;
            this.to = to;
        }

        /** {@value #RATE_PER_SENDER} a second, paced by the clock, until told to stop. */
        void send(AtomicBoolean go) {
            long start = System.nanoTime();
            while (go.get()) {
                long due = (System.nanoTime() - start) * RATE_PER_SENDER / 1_000_000_000L;
                if (sent.get() >= due) {
                    LockSupport.parkNanos(2_000_000);
                    continue;
                }
                int n = sent.get();
                from.send("{\"id\":\"m-" + index + "-" + n + "\",\"message_type\":\"text\",\"to_user_id\":\"recv-"
                        + index + "\",\"data\":{\"n\":" + n + "}}");
                sent.incrementAndGet();
            }
        }

        void receive() {
            String prefix = "\"id\":\"m-" + index + "-";
            while (!Thread.currentThread().isInterrupted()) {
                String text;
                try {
                    text = to.poll(Duration.ofMillis(200));
                } catch (AssertionError interrupted) {
                    return;
                }
                if (text == null) {
                    continue;
                }
                int at = text.indexOf(prefix);
                if (at >= 0) {
                    int from = at + 6;
                    received.add(text.substring(from, text.indexOf('"', from)));
                }
            }
        }
    }

    /** Watches {@code store.buffer} while the load runs: whether it was seen down, the most it held. */
    private final class Timeline {
        boolean sawDown;
        long mostBuffered;

        /** Runs the load for {@code span}, looking at the store every half second meanwhile. */
        void watch(Duration span) {
            long end = System.nanoTime() + Math.max(0, span.toNanos());
            while (System.nanoTime() < end) {
                JsonObject b = StoreClients.buffer(server);
                sawDown |= "down".equals(b.getString("state"));
                mostBuffered = Math.max(mostBuffered, b.getJsonNumber("buffered").longValue());
                LockSupport.parkNanos(Math.min(500_000_000L, Math.max(0, end - System.nanoTime())));
            }
        }
    }

    private static int sent(List<Pair> pairs) {
        return pairs.stream().mapToInt(p -> p.sent.get()).sum();
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, "outage-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private WsClient connect(String user) {
        WsClient c = WsClient.connect(server, "ws", server.userToken(user)).awaitOpen();
        clients.add(c);
        return c;
    }

    private String state() {
        return StoreClients.buffer(server).getString("state");
    }

    private long buffered() {
        return StoreClients.buffer(server).getJsonNumber("buffered").longValue();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
