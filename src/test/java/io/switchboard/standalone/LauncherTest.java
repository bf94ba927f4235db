package io.switchboard.standalone;

import io.switchboard.testing.Http;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as an operator runs it, in its own process: configuration checked before anything starts, the
 * development mode's printed tokens working, and an orderly stop on SIGTERM (connections closed with 1001).
 */
class LauncherTest {
    /** The launcher's working directory: its default database goes to ./data there, not into the project. */
    @TempDir
    static java.nio.file.Path workingDir;

    private static ProcessBuilder launcher(Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(Path.java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()).directory(workingDir.toFile());
        pb.environment().remove("JWT_SECRET");
        pb.environment().remove("JWT_PUBLIC_KEY_FILE");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        return pb;
    }

    @Test
    void aBadValueStopsStartUpWithAMessageNamingTheVariable() throws Exception {
        Process p = launcher(Map.of("SWITCHBOARD_PORT", "eighty")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(out.contains("SWITCHBOARD_PORT"), out);
    }

    @Test
    void developmentModePrintsWorkingTokensAndSigtermClosesConnectionsWith1001() throws Exception {
        Process p = launcher(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_HOST", "127.0.0.1")).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            int port = -1;
            String alice = null;
            String admin = null;
            Pattern page = Pattern.compile("Test page:\\s+http://localhost:(\\d+)/");
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = page.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).startsWith("alice")) {
                    alice = lines.get(i + 1).trim();
                }
                if (lines.get(i).startsWith("admin")) {
                    admin = lines.get(i + 1).trim();
                }
            }
            assertTrue(port > 0 && alice != null && admin != null, String.join("\n", lines));
            assertTrue(String.join("\n", lines).contains("anonymous devices are ALLOWED"));

            try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + alice))) {
                c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
                assertEquals("pong", c.nextOfType("pong").getString("message_type"));
                assertEquals(200, Http.get(URI.create("http://127.0.0.1:" + port + "/ws/stats"), admin).status());

                p.destroy(); // SIGTERM
                WsClient.Close close = c.awaitClose();
                assertEquals(1001, close.code());
                assertEquals("server shutting down", close.reason());
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server did not exit after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    /** The java binary of the JVM running the tests. */
    private static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        private Path() {
        }
    }
}
