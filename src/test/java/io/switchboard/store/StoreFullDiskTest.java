package io.switchboard.store;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.RequiredService;
import io.switchboard.testing.ServerProcess;
import io.switchboard.testing.TempFiles;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static io.switchboard.store.StoreClients.device;
import static io.switchboard.store.StoreClients.next;
import static io.switchboard.store.StoreClients.roomOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk under the H2 file (issue 12): the file lives on a small tmpfs mounted by the test (root in a container
 * may mount one), which the test then fills up. The server must say so clearly in its log (once, then reminders),
 * keep running and delivering, report the trouble in {@code /ws/stats} and {@code /health}, and write everything it
 * buffered once there is space again.
 */
class StoreFullDiskTest {
    private static final Logger LOG = Logger.getLogger(StoreFullDiskTest.class.getName());
    private static final String FIRST_FAILURE = "database unavailable, buffering records";

    private Path dir;
    private Path disk;
    private boolean mounted;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("switchboard-full-");
        disk = Files.createDirectory(dir.resolve("disk"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString());
        RequiredService.require(mounted, "cannot mount a tmpfs at " + disk + " (needs root with CAP_SYS_ADMIN) to fill "
                + "a disk under the H2 file");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (server != null) {
                server.stop(Duration.ofSeconds(20));
            }
        } finally {
            if (mounted) {
                run("umount", disk.toString());
            }
            TempFiles.deleteRecursively(dir);
        }
    }

    @Test
    void aFullDiskIsReportedOnceDeliveryGoesOnAndTheBufferedRecordsAreWrittenWhenThereIsSpaceAgain()
            throws Exception {
        Path file = disk.resolve("switchboard");
        server = ServerProcess.start("full-disk", Map.of(Settings.DATABASE_URL, "jdbc:h2:file:" + file),
                logFile("full-disk"), "256m");
        Eventually.await("the store is up", Duration.ofSeconds(30), () -> "up".equals(state()));
        int before = 100;
        int during = 3_000;
        try (WsClient a = device(server, "dev-a", null); WsClient b = device(server, "dev-b", roomOf(a))) {
            String room = roomOf(a);
            for (int i = 0; i < before; i++) {
                a.send(message("before", i));
            }
            for (int i = 0; i < before; i++) {
                next(b, "message");
            }
            awaitBufferEmpty(Duration.ofSeconds(30));

            Path filler = disk.resolve("filler");
            long filled = fill(filler);
            LOG.info("filled the disk with " + filled / 1024 + " KiB");
            int linesBefore = lines();
            for (int i = 0; i < during; i++) {
                a.send(message("during", i));
            }
            // Delivery does not depend on the disk.
            for (int i = 0; i < during; i++) {
                assertEquals("full-during-" + i, next(b, "message").getString("content"));
            }
            Eventually.await("the store reports the full disk", Duration.ofSeconds(60), () -> {
                if (!server.isAlive()) {
                    throw new AssertionError("the server died:\n" + server.tail());
                }
                return "down".equals(state());
            });
            JsonObject stats = StoreClients.buffer(server);
            LOG.info("store while the disk is full: " + stats);
            assertTrue(stats.getJsonNumber("buffered").longValue() > 0, stats.toString());
            assertTrue(stats.getString("last_error", "").contains("No space left on device"), stats.toString());
            JsonObject health = Http.get(server.http("health"), null).json();
            assertEquals("UP", health.getString("status"), health.toString());
            assertEquals("down", health.getJsonObject("checks").getString("database"), health.toString());
            // Still serving: a new device joins and is delivered to.
            try (WsClient c = device(server, "dev-c", room)) {
                a.send(message("late", 0));
                assertEquals("full-late-0", next(c, "message").getString("content"));
            }

            Files.delete(filler);
            long freed = System.nanoTime();
            awaitBufferEmpty(Duration.ofSeconds(60));
            LOG.info("space back: buffer written in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed)
                    + " ms");
            assertEquals("up", state());
            JsonObject after = StoreClients.buffer(server);
            assertEquals(0, after.getJsonNumber("dropped").longValue(), after.toString());
            assertEquals(0, after.getJsonNumber("rejected").longValue(), after.toString());

            String log = server.log();
            String[] all = log.split("\n");
            long first = log.lines().filter(l -> l.contains(FIRST_FAILURE)).count();
            assertEquals(1, first, "the full disk is reported once:\n" + log);
            assertTrue(all.length - linesBefore < 60, "a flood of log lines during the full disk: "
                    + (all.length - linesBefore) + "\n" + log);
            assertTrue(log.contains("No space left on device"), log);
            assertTrue(log.contains("database is back after"), log);
        }
        server.stop(Duration.ofSeconds(20));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT message_content) FROM messages")) {
            rs.next();
            assertEquals(before + during + 1, rs.getLong(1), "every message stored");
            assertEquals(before + during + 1, rs.getLong(2), "none twice");
        }
    }

    /** Under target/fault-logs, kept after the run (the temporary directory is not). */
    private static Path logFile(String name) throws IOException {
        Path log = Path.of("target", "fault-logs", name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    private static String message(String phase, int i) {
        return "{\"type\":\"message\",\"content\":\"full-" + phase + "-" + i + "\"}";
    }

    private String state() {
        return StoreClients.buffer(server).getString("state");
    }

    private void awaitBufferEmpty(Duration limit) {
        Eventually.await("the store buffer is empty", limit,
                () -> StoreClients.buffer(server).getJsonNumber("buffered").longValue() == 0);
    }

    private int lines() throws IOException {
        return server.log().split("\n").length;
    }

    /** Writes {@code file} until the file system is full. @return bytes written */
    private static long fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        long n = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                n += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return n;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            LOG.warning(String.join(" ", command) + " failed: " + out.strip());
        }
        return ok;
    }
}
