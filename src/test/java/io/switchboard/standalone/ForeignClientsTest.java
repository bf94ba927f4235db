package io.switchboard.standalone;

import io.switchboard.testing.RequiredService;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients written by others talk to Switchboard as SPEC §4 says: Node's {@code ws} package and Python's
 * {@code websockets}, run as their own processes (scripts in src/test/clients).
 */
class ForeignClientsTest {
    private static final Path CLIENTS = Path.of("src/test/clients");

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    private String base() {
        return "ws://127.0.0.1:" + SERVER.server().port();
    }

    @Test
    void nodeWsClientsExchangeDirectAndBroadcastMessages() throws Exception {
        RequiredService.require(Files.isDirectory(CLIENTS.resolve("node_modules/ws")) && onPath("node"),
                "node and the npm package ws (the build runs src/test/npm-install.sh; is npm installed?)");
        run(List.of("node", "node-chat.js", base(), SERVER.userToken("alice"), SERVER.userToken("bob")));
    }

    @Test
    void pythonWebsocketsClientsExchangeADirectMessage() throws Exception {
        RequiredService.require(Files.isExecutable(Path.of("/usr/bin/python3"))
                && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/websockets")),
                "Debian's python3-websockets (apt-get install python3-websockets)");
        run(List.of("/usr/bin/python3", "python_chat.py", base(), SERVER.userToken("alice"), SERVER.userToken("bob")));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(CLIENTS.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "client did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
