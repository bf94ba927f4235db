package io.switchboard.loadtest;

import io.switchboard.config.Settings;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tool, briefly, against a real standalone server: small and bounded (tens of connections, a few
 * seconds). It proves the tool works and that nothing is lost or duplicated; how fast is the benchmark's business
 * (bench/run.sh), never a unit test's.
 */
class LoadToolTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.PRESENCE_EVENTS, "global",
            // The load tool storms from one address and sends as fast as accepted, as bench/run.sh lets it.
            Settings.HANDSHAKE_RATE, "off", Settings.RATE_LIMIT, "off"));

    private JsonObject run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--url", SERVER.ws("ws").toString(), "--secret",
                ServerTarget.SECRET, "--json", "--quiet", "--max-concurrent", "10"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTest.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "exit code; stderr: " + err.toString(StandardCharsets.UTF_8) + "\nstdout: " + json);
        return WsClient.parse(json.trim());
    }

    private static JsonObject test(JsonObject report, String type) {
        return report.getJsonArray("tests").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("type").equals(type)).findFirst().orElseThrow();
    }

    private static void assertAllDelivered(JsonObject t, long expected) {
        JsonObject m = t.getJsonObject("messages");
        assertEquals(expected, m.getJsonNumber("expected").longValue(), t.toString());
        assertEquals(expected, m.getJsonNumber("received").longValue(), t.toString());
        assertEquals(0, m.getJsonNumber("lost").longValue(), t.toString());
        assertEquals(0, m.getJsonNumber("duplicated").longValue(), t.toString());
        assertEquals(0, m.getJsonNumber("out_of_order").longValue(), t.toString());
    }

    @Test
    void seedTestTypesRunWithNothingLostOrDuplicated() throws Exception {
        JsonObject report = run("--test-type", "all", "--connections", "50", "--messages", "20",
                "--duration", "2", "--message-interval", "50");

        JsonObject storm = test(report, "storm");
        assertEquals(50, storm.getJsonObject("connections").getInt("opened"), storm.toString());
        assertTrue(storm.getJsonNumber("presence_frames").longValue() >= 50L * 49 / 2,
                "everyone already connected hears of each later join: " + storm);

        // 25 pairs, each side sends 20: 1,000 direct messages, each checked for loss, duplication and order.
        assertAllDelivered(test(report, "throughput"), 1_000);

        JsonObject sustained = test(report, "sustained");
        long sent = sustained.getJsonObject("messages").getJsonNumber("sent").longValue();
        assertTrue(sent >= 25 * 2 * 10, "about 25 pairs x 2 directions x 40 ticks: " + sent);
        assertAllDelivered(sustained, sent);
    }

    @Test
    void fanOutReachesEveryReceiverOnceAndInOrder() throws Exception {
        JsonObject t = test(run("--test-type", "fanout", "--connections", "40", "--messages", "50"), "fanout");
        assertAllDelivered(t, 40 * 50);
    }

    @Test
    void badInputGetsTheDocumentedAnswersAndHarmsNobodyElse() throws Exception {
        JsonObject t = test(run("--test-type", "badinput", "--connections", "12"), "badinput");
        JsonObject bad = t.getJsonObject("bad_input");
        assertTrue(bad.getJsonObject("outcomes").containsKey("health after: http 200"), bad.toString());
        JsonObject m = t.getJsonObject("messages");
        assertEquals(0, m.getJsonNumber("lost").longValue(), t.toString());
        assertTrue(m.getJsonNumber("received").longValue() > 0, t.toString());
    }

    @Test
    void idleConnectionsSpreadOverWorkerProcesses() throws Exception {
        JsonObject t = test(run("--test-type", "idle", "--connections", "40", "--workers", "2", "--duration", "1"),
                "idle");
        assertEquals(40, t.getJsonObject("connections").getInt("opened"), t.toString());
        assertEquals(0, t.getJsonObject("connections").getInt("failed"), t.toString());
    }

    @Test
    void severalUrlsSpreadTheClientsAndSeveralProcessesAreMeasured() throws Exception {
        // Two "nodes" that are one server: the spreading and the summing run end to end.
        String second = SERVER.ws("ws").toString();
        String self = Long.toString(ProcessHandle.current().pid());
        JsonObject report = run("--url", second, "--test-type", "throughput", "--connections", "20", "--messages",
                "10", "--server-pid", self + "," + self, "--redis-pid", self);
        assertEquals(2, report.getInt("nodes"), report.toString());
        JsonObject t = test(report, "throughput");
        assertAllDelivered(t, 200);
        JsonObject cpu = t.getJsonObject("cpu");
        assertTrue(cpu.containsKey("server_us_per_op") && cpu.containsKey("redis_us_per_op"), cpu.toString());
        assertAllDelivered(test(run("--url", second, "--test-type", "fanout", "--connections", "10", "--messages",
                "20"), "fanout"), 200);
    }
}
