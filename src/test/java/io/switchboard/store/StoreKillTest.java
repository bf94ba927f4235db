package io.switchboard.store;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.ServerProcess;
import io.switchboard.testing.TempFiles;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static io.switchboard.store.StoreClients.next;
import static io.switchboard.store.StoreClients.roomInfo;
import static io.switchboard.store.StoreClients.roomOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a standalone server while it writes into its H2 file (issue 12): three times a server process is
 * killed in the middle of a stream of device messages and a new one started on the same file. Each time it must
 * start and serve, its rooms and devices must be back ({@code reconnected}), everything it had reported written
 * must be there, and at the end the file must open and answer queries over every table, with no sign of
 * corruption or recovery trouble in any run's log.
 */
class StoreKillTest {
    private static final Logger LOG = Logger.getLogger(StoreKillTest.class.getName());
    private static final int CYCLES = 3;
    /** Messages sent and seen written before each kill: all of them must survive it. */
    private static final int CONFIRMED = 200;
    private static final Pattern TROUBLE = Pattern.compile(
            "(?i)corrupt|MVStoreException|FILE_CORRUPTED|90030|Switchboard cannot start|recover");

    private Path dir;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("switchboard-kill-");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        TempFiles.deleteRecursively(dir);
    }

    @Test
    void aServerKilledMidWriteRestartsOnItsH2FileWithEverythingItHadWrittenAndServes() throws Exception {
        Path file = dir.resolve("db").resolve("switchboard");
        // A fixed port: the node id (host:port) is the same across restarts, so the killed run's open connection
        // rows are closed by the next start.
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of(Settings.DATABASE_URL, "jdbc:h2:file:" + file,
                Settings.PORT, String.valueOf(port));
        Path log = logFile("kill");
        String room = null;
        int[] sentInCycle = new int[CYCLES];
        long[] reportedWritten = new long[CYCLES];
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            server = ServerProcess.start("kill-" + cycle, env, log, "256m");
            awaitStoreUp();
            try (WsClient a = device("dev-a", null)) {
                if (room == null) {
                    room = roomOf(a);
                } else {
                    assertEquals(room, roomOf(a), "cycle " + cycle + ": dev-a is back in its stored room");
                }
            }
            try (WsClient a = device("dev-a", null); WsClient b = device("dev-b", room)) {
                JsonObject info = roomInfo(a);
                assertEquals(room, info.getString("room_id"), "cycle " + cycle + ": the stored room is used");
                assertEquals(2, info.getInt("total_clients"));
                // Written and confirmed: these must survive the kill.
                for (int i = 0; i < CONFIRMED; i++) {
                    a.send(message(cycle, "pre", i));
                }
                for (int i = 0; i < CONFIRMED; i++) {
                    next(b, "message");
                }
                awaitBufferEmpty();
                // Then a stream, killed in the middle.
                AtomicBoolean go = new AtomicBoolean(true);
                AtomicInteger sent = new AtomicInteger();
                int c = cycle;
                Thread sender = new Thread(() -> {
                    try {
                        long start = System.nanoTime();
                        while (go.get()) {
                            // About 1 000 a second: a sustained stream, not a flood of the shared machine.
                            if (sent.get() >= (System.nanoTime() - start) / 1_000_000) {
                                LockSupport.parkNanos(2_000_000);
                                continue;
                            }
                            a.send(message(c, "mid", sent.get()));
                            sent.incrementAndGet();
                        }
                    } catch (RuntimeException closed) {
                        // the server was killed under it
                    }
                }, "kill-test-sender");
                sender.start();
                long writtenAtStart = written();
                Eventually.await("the stream is being written", Duration.ofSeconds(30),
                        () -> written() > writtenAtStart + 300);
                long writtenBeforeKill = written();
                server.kill();
                go.set(false);
                sender.join(10_000);
                sentInCycle[cycle] = sent.get();
                reportedWritten[cycle] = writtenBeforeKill - writtenAtStart;
                LOG.info("cycle " + cycle + ": killed after " + sent.get() + " streamed messages");
            }
        }
        // A last start: it serves, and is stopped in order so that the file can be opened here.
        server = ServerProcess.start("kill-final", env, log, "256m");
        awaitStoreUp();
        try (WsClient a = device("dev-a", null); WsClient b = device("dev-b", room)) {
            assertEquals(room, roomOf(a));
            a.send(message(CYCLES, "pre", 0));
            assertEquals("k-" + CYCLES + "-pre-0", next(b, "message").getString("content"));
        }
        awaitBufferEmpty();
        server.stop(Duration.ofSeconds(20));
        String text = server.log();
        assertFalse(TROUBLE.matcher(text).find(), "trouble in the servers' log:\n" + text);

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file)) {
            assertEquals(1, count(c, "SELECT COUNT(*) FROM rooms WHERE room_id = '" + room + "'"));
            assertEquals(2, count(c, "SELECT COUNT(*) FROM devices WHERE last_room_id = '" + room + "'"));
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                assertEquals(CONFIRMED, count(c, "SELECT COUNT(*) FROM messages WHERE message_content LIKE 'k-"
                        + cycle + "-pre-%'"), "cycle " + cycle + ": every message written before the kill is there");
                long mid = count(c, "SELECT COUNT(*) FROM messages WHERE message_content LIKE 'k-" + cycle + "-mid-%'");
                LOG.info("cycle " + cycle + ": " + mid + " of " + sentInCycle[cycle] + " streamed messages stored, "
                        + reportedWritten[cycle] + " reported written before the kill");
                assertTrue(mid <= sentInCycle[cycle], "cycle " + cycle);
                // What the server had reported written (committed) before the kill was in the file: only the
                // records still in its buffer may be lost.
                assertTrue(mid >= reportedWritten[cycle], "cycle " + cycle + ": " + reportedWritten[cycle]
                        + " messages reported written before the kill, only " + mid + " in the file");
            }
            assertEquals(count(c, "SELECT COUNT(*) FROM messages"),
                    count(c, "SELECT COUNT(DISTINCT message_uid) FROM messages"));
            assertEquals(count(c, "SELECT COUNT(*) FROM messages"),
                    count(c, "SELECT COUNT(DISTINCT message_content) FROM messages"), "no message stored twice");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM connections WHERE disconnected_at IS NULL"),
                    "the killed runs' connection rows were closed by the next start");
            assertTrue(count(c, "SELECT COUNT(*) FROM connections") >= 2L * (CYCLES + 1));
            count(c, "SELECT COUNT(*) FROM room_queries");
        }
    }

    // ----- helpers ----------------------------------------------------------------------------------------------

    /** Under target/fault-logs, kept after the run (the temporary directory is not). */
    private static Path logFile(String name) throws IOException {
        Path log = Path.of("target", "fault-logs", name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    private static String message(int cycle, String phase, int i) {
        return "{\"type\":\"message\",\"content\":\"k-" + cycle + "-" + phase + "-" + i + "\"}";
    }

    private WsClient device(String id, String room) {
        return StoreClients.device(server, id, room);
    }

    private JsonObject buffer() {
        return StoreClients.buffer(server);
    }

    private long written() {
        return buffer().getJsonNumber("written").longValue();
    }

    private void awaitStoreUp() {
        Eventually.await("the store is up", Duration.ofSeconds(30), () -> "up".equals(buffer().getString("state")));
    }

    private void awaitBufferEmpty() {
        Eventually.await("the store buffer is empty", Duration.ofSeconds(30),
                () -> buffer().getJsonNumber("buffered").longValue() == 0);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
