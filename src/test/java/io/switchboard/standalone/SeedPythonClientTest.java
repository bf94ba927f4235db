package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.RequiredService;
import io.switchboard.testing.ScriptProcess;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.TempFiles;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002's own Python client example, unchanged but for its URI (the seed's server listened on
 * {@code ws://localhost:8765} at its root; Switchboard's device endpoint is {@code /rooms}), run with Debian's
 * {@code /usr/bin/python3} and {@code python3-websockets} against a server that admits anonymous devices, as
 * legacy clients of the seed need. A Java device in the same room talks to it: identity → room → broadcast and
 * direct → query.
 */
class SeedPythonClientTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.ANONYMOUS_DEVICES, "true"));

    private static WsClient anonymousDevice() {
        return WsClient.connect(SERVER.ws("rooms"));
    }

    private static JsonObject next(WsClient c, String type) {
        return c.nextMatching(m -> type.equals(m.getString("type", "")));
    }

    private static String identify(WsClient c, String deviceId, String identity, String room) {
        c.send("{\"device_id\":\"" + deviceId + "\",\"identity\":\"" + identity + "\""
                + (room == null ? "" : ",\"room_id\":\"" + room + "\"") + "}");
        next(c, "connection");
        return next(c, "room").getString("room_id");
    }

    @Test
    void theSeedsPythonClientExampleWorksUnchanged() throws Exception {
        RequiredService.require(ScriptProcess.succeeds(List.of(PYTHON, "-c", "import websockets")),
                PYTHON + " with the websockets module (Debian package python3-websockets) is not available");
        // The script's device was here before, in room R: it will come back to R, where "observer" waits.
        String room;
        try (WsClient earlier = anonymousDevice()) {
            room = identify(earlier, "python_client", "test_script", null);
        }
        Path dir = Files.createTempDirectory("seed002-");
        try (WsClient observer = anonymousDevice()) {
            assertEquals(room, identify(observer, "observer", "java_observer", room));
            Path script = dir.resolve("client_example.py");
            Files.writeString(script, seedScript().replace("ws://localhost:8765", SERVER.ws("rooms").toString()),
                    StandardCharsets.UTF_8);
            try (ScriptProcess python = ScriptProcess.start(List.of(PYTHON, script.toString()),
                    Map.of("PYTHONUNBUFFERED", "1", "PYTHONIOENCODING", "utf-8"), dir)) {
                python.awaitLine(l -> l.equals("服务器响应: {\"type\":\"connection\",\"message\":\"Connected successfully\"}"),
                        WAIT);
                python.awaitLine(l -> l.equals("收到消息: {'type': 'room', 'room_id': '" + room
                        + "', 'status': 'reconnected'}"), WAIT);

                JsonObject hello = next(observer, "message");
                assertEquals("Hello from Python client", hello.getString("content"));
                assertEquals("python_client", hello.getString("from_device_id"));
                assertEquals("broadcast", hello.getString("message_type"));

                observer.send("{\"type\":\"message\",\"content\":\"Hello everyone!\","
                        + "\"timestamp\":\"2024-01-20T12:34:56Z\"}");
                python.awaitLine(l -> l.equals("收到消息: {'type': 'message', 'content': 'Hello everyone!', "
                        + "'from_device_id': 'observer', 'message_type': 'broadcast', "
                        + "'timestamp': '2024-01-20T12:34:56Z'}"), WAIT);
                observer.send("{\"type\":\"message\",\"content\":\"Private message\","
                        + "\"target_device_id\":\"python_client\",\"timestamp\":\"2024-01-20T12:34:57Z\"}");
                python.awaitLine(l -> l.equals("收到消息: {'type': 'message', 'content': 'Private message', "
                        + "'from_device_id': 'observer', 'message_type': 'direct', "
                        + "'timestamp': '2024-01-20T12:34:57Z'}"), WAIT);

                observer.send("{\"type\":\"query_room\"}");
                JsonObject info = next(observer, "room_info");
                assertEquals(2, info.getInt("total_clients"));
                JsonObject other = info.getJsonArray("clients").getJsonObject(0);
                assertEquals("python_client", other.getString("device_id"));
                assertEquals("test_script", other.getString("identity"));
                assertTrue(python.isAlive(), "the client loops on its connection until stopped");
                assertEquals("", python.errorOutput());
            }
        } finally {
            TempFiles.deleteRecursively(dir);
        }
    }

    @Test
    void withAnonymousDevicesAllowedATokenThatIsPresentedIsStillChecked() {
        WsClient.Refused r = assertThrows(WsClient.Refused.class,
                () -> WsClient.connect(SERVER.ws("rooms?token=not.a.token")).close());
        assertEquals(401, r.status);
    }

    private static String seedScript() throws Exception {
        try (InputStream in = SeedPythonClientTest.class.getResourceAsStream("/seed002/client_example.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
