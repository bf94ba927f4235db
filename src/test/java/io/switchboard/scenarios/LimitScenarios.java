package io.switchboard.scenarios;

import io.switchboard.config.Settings;
import io.switchboard.testing.ClientFrame;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.RawHandshake;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits of SPEC §13 on every endpoint where they apply, computed from the server's configured values:
 * SWITCHBOARD_RATE_LIMIT (a burst past twice the rate gets {@code rate_limited} in each endpoint's error shape, and
 * the connection carries on), SWITCHBOARD_MAX_CONNECTIONS_PER_USER ({@code /ws}: 429 past it, or 1008 "too many
 * connections" for handshakes that raced past the check; a closed connection frees its place) and
 * SWITCHBOARD_HANDSHAKE_RATE (429 past it, per client address, then admitted again). Shared by the standalone
 * server, the WAR in WildFly and Payara, and a cluster of three nodes (whose clients go to each node in turn).
 *
 * <p>The handshake rate is exercised from other loopback addresses ({@code 127.x.y.z}): each test starts from a full
 * bucket of its own, and the clients of every other test, from 127.0.0.1, are never refused because of it.
 */
public abstract class LimitScenarios {
    /** Messages sent at a time past the burst: fewer than the 20 errors that close a connection. */
    private static final int MORE_AT_A_TIME = 5;

    /** The limits the server under test runs with. */
    public record Configured(int ratePerSecond, int connectionsPerUser, int handshakesPerSecond) {
        /** What a server runs with when no limit variable is set. */
        public static final Configured DEFAULTS = new Configured(Settings.DEFAULT_RATE_LIMIT,
                Settings.DEFAULT_MAX_CONNECTIONS_PER_USER, Settings.DEFAULT_HANDSHAKE_RATE);

        int burst() {
            return 2 * ratePerSecond;
        }
    }

    protected abstract ServerTarget target();

    protected abstract Configured limits();

    /** Every node whose {@code /ws/stats} counts what its clients were refused (one, but in a cluster). */
    protected List<ServerTarget> nodes() {
        return List.of(target());
    }

    // --- SWITCHBOARD_RATE_LIMIT -----------------------------------------------------------------------------

    @Test
    void aBurstOnWsPastTwiceTheRateGetsRateLimitedErrorsAndTheConnectionRecovers() throws Exception {
        long before = limitCount("rate_limited");
        try (RawWebSocket ws = RawWebSocket.open(target().ws("ws?token=" + target().userToken(newUser())))) {
            int limited = burstAndRecover(ws, 0, i -> "{\"id\":\"b" + i + "\",\"message_type\":\"ping\"}",
                    m -> "pong".equals(m.getString("message_type", "")) && m.getString("id", "").startsWith("b"),
                    m -> {
                        if (!"error".equals(m.getString("message_type", ""))) {
                            return false;
                        }
                        assertEquals("rate_limited", m.getJsonObject("data").getString("code"), m.toString());
                        assertTrue(m.getString("id").startsWith("b"), "the error names the dropped message: " + m);
                        return true;
                    });
            assertCounted("rate_limited", before, limited);
        }
    }

    @Test
    void aBurstOnRoomsGetsErrorsInTheSeedsShape() throws Exception {
        String device = "lim-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawWebSocket ws = RawWebSocket.open(target().ws("rooms?token="
                + target().minter().device(device, Duration.ofHours(1))))) {
            ws.sendText("{\"device_id\":\"" + device + "\",\"identity\":\"limits\"}");
            assertEquals("connection", WsClient.parse(ws.nextText()).getString("type"));
            assertEquals("room", WsClient.parse(ws.nextText()).getString("type"));
            burstAndRecover(ws, 1, i -> "{\"type\":\"query_room\"}",
                    m -> "room_info".equals(m.getString("type", "")),
                    m -> "error".equals(m.getString("type", "")) && m.getString("message").startsWith("rate limited"));
        }
    }

    @Test
    void aBurstOnRelayGetsErrorsInTheSeedsShape() throws Exception {
        String group = "lim-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawWebSocket ws = RawWebSocket.open(target().ws("relay?token="
                + target().minter().device(group + ":center", Duration.ofHours(1))))) {
            ws.sendText(relay(group, "server", "hello", "init"));
            assertEquals("init_ack", WsClient.parse(ws.nextText()).getString("message_type"));
            burstAndRecover(ws, 1, i -> relay(group, "server", "beat " + i, "heartbeat"),
                    m -> "heartbeat".equals(m.getString("message_type", "")),
                    m -> "error".equals(m.getString("message_type", ""))
                            && group.equals(m.getString("group_id")) && "server".equals(m.getString("sender_type"))
                            && m.getString("content").startsWith("rate limited"));
        }
    }

    @Test
    void aBurstOnRpcGetsErrorResponsesToTheDroppedRequests() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(target().ws("rpc?token="
                + target().minter().device("rpc-" + UUID.randomUUID(), Duration.ofHours(1))))) {
            assertEquals("notification", WsClient.parse(ws.nextText()).getString("type"));
            burstAndRecover(ws, 0, i -> "{\"id\":\"q" + i + "\",\"type\":\"request\",\"action\":\"echo\","
                            + "\"payload\":{\"message\":\"m" + i + "\"}}",
                    m -> "response".equals(m.getString("type", "")) && m.containsKey("data"),
                    m -> "response".equals(m.getString("type", "")) && m.containsKey("error")
                            && "rate_limited".equals(m.getJsonObject("error").getString("code"))
                            && m.getString("id").startsWith("q"));
        }
    }

    /**
     * Sends a burst's worth of messages in one write, then more, a few at a time, each few answered before the
     * next, until one is refused: however fast or slow the server runs, a fresh connection has its whole burst
     * served before the first refusal ({@code sentBefore} of it went to setting the connection up: an identity, an
     * init), and refusals come in once the client sends faster than the rate. Then messages are served again, one
     * token's time later. Returns how many were refused.
     */
    private int burstAndRecover(RawWebSocket ws, int sentBefore, IntFunction<String> message,
                                Predicate<JsonObject> served, Predicate<JsonObject> limited) throws IOException {
        int sent = 0;
        int ok = 0;
        int refused = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int chunk = limits().burst(); refused == 0; chunk = MORE_AT_A_TIME) {
            assertTrue(System.nanoTime() < deadline, "nothing refused after " + sent + " messages");
            ClientFrame[] frames = new ClientFrame[chunk];
            for (int i = 0; i < chunk; i++) {
                frames[i] = ClientFrame.text(message.apply(sent++));
            }
            ws.send(frames);
            while (ok + refused < sent) {
                JsonObject m = WsClient.parse(ws.nextText());
                if (limited.test(m)) {
                    // Answers come in the order the messages were handled: these were served before.
                    assertTrue(refused > 0 || sentBefore + ok >= limits().burst(),
                            "refused after " + sentBefore + " + " + ok + " served");
                    refused++;
                } else if (served.test(m)) {
                    ok++;
                }
            }
        }
        assertTrue(refused <= MORE_AT_A_TIME, refused + " refused");
        // Recovers: one token comes back every 1/rate s. A try per token's time, so that refusals while waiting
        // stay far below the error budget.
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long tokenMillis = Math.max(1, 1000 / limits().ratePerSecond());
        while (true) {
            ws.sendText(message.apply(sent++));
            JsonObject m;
            do {
                m = WsClient.parse(ws.nextText());
            } while (!served.test(m) && !limited.test(m));
            if (served.test(m)) {
                return refused;
            }
            refused++;
            assertTrue(System.nanoTime() < deadline, "still rate limited after 5 s");
            pause(tokenMillis);
        }
    }

    // --- SWITCHBOARD_MAX_CONNECTIONS_PER_USER -----------------------------------------------------------------

    @Test
    void aUserPastTheConnectionLimitIsRefusedUntilOneOfTheirConnectionsCloses() throws Exception {
        int max = limits().connectionsPerUser();
        String user = newUser();
        long before = limitCount("connections_refused");
        List<WsClient> open = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < max - 1; i++) {
                open.add(connect(user));
            }
            // Three at once for the last place: whichever way they race, exactly one keeps it. The others are
            // refused at the handshake (429) or, having passed it together, closed at open (1008). One alone where
            // the container cannot answer concurrent handshakes right (racesHandshakes).
            int racers = racesHandshakes() ? 3 : 1;
            List<CompletableFuture<Optional<WsClient>>> racing = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                racing.add(CompletableFuture.supplyAsync(() -> tryConnect(user), pool));
            }
            int winners = 0;
            for (CompletableFuture<Optional<WsClient>> r : racing) {
                Optional<WsClient> c = r.get(30, TimeUnit.SECONDS);
                if (c.isPresent() && isServed(c.get())) {
                    winners++;
                    open.add(c.get());
                }
            }
            assertEquals(1, winners, "one of " + racers + " racing for the last place");
            awaitOnline(user, max);

            assertEquals(429, refusedStatus(user), "connection " + (max + 1) + " of one user");
            try (WsClient other = connect(newUser())) {
                other.awaitOpen(); // another user is not affected
            }

            open.remove(0).close();
            WsClient[] again = new WsClient[1];
            Eventually.await("a place is free again", () -> {
                again[0] = tryConnect(user).filter(this::isServed).orElse(null);
                return again[0] != null;
            });
            open.add(again[0]);
            awaitOnline(user, max);
            assertCounted("connections_refused", before, racers);
        } finally {
            open.forEach(WsClient::close);
            pool.shutdownNow();
        }
    }

    /**
     * Whether several handshakes at once get their own answers. Not on Payara: it now and then answers one
     * handshake with another's upgrade headers (docs/deployment.md, "Known limitations").
     */
    protected boolean racesHandshakes() {
        return true;
    }

    private WsClient connect(String user) {
        return WsClient.connect(target(), "ws", target().userToken(user)).awaitOpen();
    }

    /** A connection, or empty when it was refused with 429. */
    private Optional<WsClient> tryConnect(String user) {
        try {
            return Optional.of(WsClient.connect(target(), "ws", target().userToken(user)));
        } catch (WsClient.Refused refused) {
            assertEquals(429, refused.status, refused.getMessage());
            return Optional.empty();
        }
    }

    /** True when the connection answers a ping; false when the server closed it with 1008 "too many connections". */
    private boolean isServed(WsClient c) {
        String id = "served-" + UUID.randomUUID();
        try {
            c.send("{\"id\":\"" + id + "\",\"message_type\":\"ping\"}");
        } catch (RuntimeException closedMeanwhile) {
            assertTooManyConnections(c.awaitClose());
            return false;
        }
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String s = c.poll(Duration.ofMillis(50));
            if (s != null && s.contains("\"" + id + "\"") && s.contains("pong")) {
                return true;
            }
            if (s == null && c.isClosed()) {
                assertTooManyConnections(c.awaitClose());
                return false;
            }
        }
        throw new AssertionError("neither served nor closed within " + WsClient.WAIT);
    }

    private static void assertTooManyConnections(WsClient.Close close) {
        assertEquals(1008, close.code(), close.toString());
        assertEquals("too many connections", close.reason());
    }

    private int refusedStatus(String user) {
        try (WsClient c = WsClient.connect(target(), "ws", target().userToken(user))) {
            throw new AssertionError("admitted past the limit: " + isServed(c));
        } catch (WsClient.Refused refused) {
            return refused.status;
        }
    }

    /** Waits until the admin API counts {@code n} connections of the user (hub-wide). */
    private void awaitOnline(String user, int n) {
        Eventually.await(user + " has " + n + " connections in /ws/online", () -> {
            JsonObject online = Http.get(target().http("ws/online?limit=1000"), target().adminToken()).json();
            return online.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(u -> user.equals(u.getString("user_id"))).mapToInt(u -> u.getInt("connections"))
                    .findFirst().orElse(0) == n;
        });
    }

    // --- SWITCHBOARD_HANDSHAKE_RATE -------------------------------------------------------------------------

    @Test
    void handshakesPastTheRateFromOneAddressAreRefusedWith429OnEveryEndpointThenAdmittedAgain() throws Exception {
        long before = limitCount("handshakes_refused");
        int rate = limits().handshakesPerSecond();
        for (String path : List.of("ws", "rooms", "relay", "rpc")) {
            InetAddress client = freshLoopbackAddress();
            // Without a token: refused (401), which counts as a handshake all the same; only the rate says 429.
            int admittedBefore = 0;
            RawHandshake.Answer tooMany = null;
            for (int i = 0; i < 20 * rate && tooMany == null; i++) {
                URI uri = target().ws(path);
                RawHandshake.Answer a = RawHandshake.send(uri, RawHandshake.Request.upgrade(uri), client);
                if (a.status() == 429) {
                    tooMany = a;
                } else {
                    admittedBefore++;
                }
            }
            assertTrue(tooMany != null, path + ": no 429 within " + 20 * rate + " handshakes from " + client);
            assertTrue(admittedBefore >= rate, path + ": 429 after " + admittedBefore + " handshakes");
            assertEquals("too_many_handshakes", WsClient.parse(tooMany.body()).getString("error"), tooMany.body());
            assertEquals("1", tooMany.headers().get("retry-after"));

            if (path.equals("ws")) {
                // The same address is admitted again once its second has passed; others never noticed.
                WsClient.connect(target(), "ws", target().userToken(newUser())).awaitOpen().close();
                URI withToken = target().ws("ws?token=" + target().userToken(newUser()));
                Eventually.await("handshakes from " + client + " admitted again",
                        () -> RawHandshake.send(withToken, RawHandshake.Request.upgrade(withToken), client)
                                .status() == 101);
            }
        }
        assertCounted("handshakes_refused", before, 4);
    }

    private static InetAddress freshLoopbackAddress() throws UnknownHostException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {127, (byte) r.nextInt(1, 255), (byte) r.nextInt(0, 256),
            (byte) r.nextInt(2, 255)});
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String newUser() {
        return "lim-" + UUID.randomUUID();
    }

    private static String relay(String group, String receiver, String content, String type) {
        return "{\"group_id\":\"" + group + "\",\"sender_type\":\"center\",\"receiver_type\":\"" + receiver
                + "\",\"content\":\"" + content + "\",\"message_type\":\"" + type + "\"}";
    }

    /** A limit's count in {@code /ws/stats}, summed over the nodes. */
    private long limitCount(String name) {
        long sum = 0;
        for (ServerTarget node : nodes()) {
            sum += Http.get(node.http("ws/stats"), node.adminToken()).json().getJsonObject("limits")
                    .getJsonNumber(name).longValue();
        }
        return sum;
    }

    private void assertCounted(String name, long before, long atLeast) {
        Eventually.await(name + " counted in /ws/stats",
                () -> limitCount(name) - before >= atLeast);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
