package io.switchboard.loadtest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of the load tool: the cluster options (several --url, several --server-pid, --redis-pid). */
class OptionsTest {
    private static Options parse(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--secret";
        all[1] = "s";
        System.arraycopy(args, 0, all, 2, args.length);
        return Options.parse(all);
    }

    @Test
    void oneUrlByDefault() {
        Options o = parse();
        assertEquals(List.of(URI.create("ws://127.0.0.1:8080/ws")), o.urls);
        assertEquals(o.urls.get(0), o.url);
        assertTrue(o.serverPids.isEmpty());
        assertEquals(0, o.redisPid);
    }

    @Test
    void urlsMayBeCommaSeparatedOrRepeatedAndReplaceTheDefault() {
        Options o = parse("--url", "ws://127.0.0.1:9001/ws,ws://127.0.0.2:9002/ws", "--url=ws://localhost:9003/ws");
        assertEquals(List.of(URI.create("ws://127.0.0.1:9001/ws"), URI.create("ws://127.0.0.2:9002/ws"),
                URI.create("ws://localhost:9003/ws")), o.urls);
        assertEquals(URI.create("ws://127.0.0.1:9001/ws"), o.url);
        assertEquals(9001, o.port());
        assertEquals("ws://127.0.0.1:9001/ws,ws://127.0.0.2:9002/ws,ws://localhost:9003/ws", o.urlList());
        // What a worker process gets back parses to the same list.
        assertEquals(o.urls, parse("--url", o.urlList()).urls);
    }

    @Test
    void everyUrlMustBeLoopbackAndWebSocket() {
        assertThrows(IllegalArgumentException.class, () -> parse("--url", "ws://127.0.0.1:9001/ws,ws://10.0.0.1:9/ws"));
        assertThrows(IllegalArgumentException.class, () -> parse("--url", "ws://127.0.0.1:9001/ws",
                "--url", "http://127.0.0.1:9002/ws"));
        assertThrows(IllegalArgumentException.class, () -> parse("--url", ","));
    }

    @Test
    void serverPidsAreAListAndRedisPidIsOne() {
        Options o = parse("--server-pid", "11,12", "--server-pid", "13", "--redis-pid", "99");
        assertEquals(List.of(11L, 12L, 13L), o.serverPids);
        assertEquals(11L, o.serverPid);
        assertEquals(99L, o.redisPid);
        assertThrows(IllegalArgumentException.class, () -> parse("--server-pid", "12,x"));
        assertThrows(IllegalArgumentException.class, () -> parse("--redis-pid", "0"));
    }

    @Test
    void timeLimitDefaultsFromDurationAndMayBeGiven() {
        long now = System.nanoTime();
        long byDuration = parse("--duration", "100").deadlineNanos() - now;
        assertTrue(byDuration >= 340_000_000_000L && byDuration < 345_000_000_000L, Long.toString(byDuration));
        long given = parse("--time-limit", "1800").deadlineNanos() - now;
        assertTrue(given >= 1_800_000_000_000L && given < 1_805_000_000_000L, Long.toString(given));
        assertThrows(IllegalArgumentException.class, () -> parse("--time-limit", "0"));
    }

    @Test
    void clientsAreSpreadSoThatEveryDeliveryCrossesNodes() throws Exception {
        Options o = parse("--secret", "0123456789abcdef0123456789abcdef", "--url",
                "ws://127.0.0.1:9001/ws,ws://127.0.0.1:9002/ws,ws://127.0.0.1:9003/other");
        try (Engine engine = new Engine()) {
            Tokens tokens = new Tokens(o);
            Pairs pairs = new Pairs(false, o, engine, tokens, 12);
            for (int p = 0; p < 6; p++) {
                assertTrue(pairs.nodeOf(2 * p) != pairs.nodeOf(2 * p + 1), "pair " + p + " on one node");
            }
            assertEquals(List.of(0, 1, 2, 0), List.of(pairs.nodeOf(0), pairs.nodeOf(1), pairs.nodeOf(2),
                    pairs.nodeOf(3)));
            assertTrue(pairs.pathFor(2).startsWith("/other?token="), pairs.pathFor(2));
            assertEquals(9002, pairs.servers[pairs.nodeOf(1)].getPort());

            Fanout fanout = new Fanout(o, engine, tokens, 10); // receivers 0..9, the sender is 10
            assertEquals(0, fanout.nodeOf(10));
            for (int i = 0; i < 10; i++) {
                assertTrue(fanout.nodeOf(i) == 1 || fanout.nodeOf(i) == 2, "receiver " + i);
            }
            assertEquals(1, fanout.nodeOf(0));
            assertEquals(2, fanout.nodeOf(1));

            Fanout alone = new Fanout(parse("--secret", "0123456789abcdef0123456789abcdef"), engine, tokens, 3);
            assertEquals(List.of(0, 0, 0, 0), List.of(alone.nodeOf(0), alone.nodeOf(1), alone.nodeOf(2),
                    alone.nodeOf(3)));
        }
    }

    @Test
    void cpuOfSeveralProcessesIsSummedAndUnknownWhenOneIsMissing() {
        long self = ProcessHandle.current().pid();
        assertTrue(CpuClock.ofPids(List.of(self, self)) >= 0);
        assertEquals(-1, CpuClock.ofPids(List.of()));
        assertEquals(-1, CpuClock.ofPids(List.of(self, Long.MAX_VALUE)));
        assertTrue(CpuClock.rssKib(List.of(self, self)) >= 2 * 1024);
    }
}
