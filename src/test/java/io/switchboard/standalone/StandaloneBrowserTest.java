package io.switchboard.standalone;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.testing.RequiredService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test page in real headless Chromium (src/test/browser/chat.mjs, playwright-core driving Debian's chromium):
 * the standalone server in development mode, two tabs, alice picks her offered token and bob pastes his, they
 * exchange a direct, a room and a broadcast message; then the server restarts on the same port and both tabs
 * reconnect and re-join their room by themselves. Screenshots land in target/browser/ for review.
 *
 * <p>Skipped where node, chromium or the npm packages are missing (the build installs the npm packages: src/test/npm-install.sh);
 * under CI that is a failure.
 */
class StandaloneBrowserTest {
    private static final Path SCRIPT_DIR = Path.of("src/test/browser");
    private static final Path OUT = Path.of("target/browser");
    private static final long LIMIT_SECONDS = 150;

    private StandaloneServer server;
    private Process node;

    @AfterEach
    void stop() {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void twoUsersChatThroughTheTestPageAndSurviveAServerRestart() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        RequiredService.require(nodeWorks(), "node is not installed");
        RequiredService.require(Files.isExecutable(Path.of(chromium)), "chromium is not installed at " + chromium);
        RequiredService.require(Files.exists(SCRIPT_DIR.resolve("node_modules/playwright-core/package.json")),
                "playwright-core is not installed in " + SCRIPT_DIR + " (the build runs src/test/npm-install.sh; is npm installed?)");

        // Development mode exactly as Main runs it: generated secret, tokens offered to the page.
        Settings settings = DevelopmentMode.complete(Settings.load(ConfigSource.of(
                Map.of(Settings.HOST, "127.0.0.1", Settings.PORT, "0", Settings.DATABASE_URL, "none"))));
        server = startWithTokens(settings);
        int port = server.port();

        Files.createDirectories(OUT);
        for (String png : List.of("chat-alice.png", "chat-bob.png", "chat-alice-after-restart.png")) {
            Files.deleteIfExists(OUT.resolve(png));
        }
        node = new ProcessBuilder("node", "chat.mjs", "http://127.0.0.1:" + port + "/",
                OUT.toAbsolutePath().toString())
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = pump(node);
        List<String> transcript = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        Writer toNode = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                break;
            }
            transcript.add(line);
            if (line.equals("RESTART")) {
                server.stop();
                // Same secret (the tabs keep their tokens), same port (the page reconnects to where it was).
                server = startWithTokens(Settings.load(ConfigSource.of(Map.of(Settings.HOST, "127.0.0.1",
                        Settings.PORT, Integer.toString(port), Settings.ANONYMOUS_DEVICES, "true",
                        Settings.DATABASE_URL, "none",
                        Settings.JWT_SECRET, new String(settings.jwtSecret().orElseThrow(), StandardCharsets.UTF_8)))));
                toNode.write("RESTARTED\n");
                toNode.flush();
            }
        }
        boolean exited = node.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        String log = String.join("\n", transcript);
        assertTrue(exited, "the browser script did not finish within " + LIMIT_SECONDS + " s:\n" + log);
        assertEquals(0, node.exitValue(), "the browser script failed:\n" + log);
        assertTrue(transcript.contains("PASSED"), log);
        for (String png : List.of("chat-alice.png", "chat-bob.png", "chat-alice-after-restart.png")) {
            assertTrue(Files.size(OUT.resolve(png)) > 10_000, png + " was not saved");
        }
    }

    private static StandaloneServer startWithTokens(Settings settings) throws IOException {
        StandaloneServer s = new StandaloneServer(settings);
        s.start();
        s.offerDevelopmentTokens(DevelopmentMode.forPage(DevelopmentMode.tokens(settings)));
        return s;
    }

    private static final String EOF = "\u0000EOF";

    /** The script's output, line by line, echoed to the test log as it comes. */
    private static BlockingQueue<String> pump(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[browser] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output lost: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "browser-output");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
