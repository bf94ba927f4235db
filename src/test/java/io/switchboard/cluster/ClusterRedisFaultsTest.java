package io.switchboard.cluster;

import io.switchboard.config.Settings;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.PrivateRedis;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis trouble under a live cluster (SPEC §13 "Cluster", issue 10 items 5 and 9): a Redis restart (it comes back
 * empty), Redis down, one node's link to Redis cut, and a steady stream across a restart. The cluster runs on a
 * redis-server of this class's own, so restarting it disturbs nobody else; node {@link #PROXIED} reaches it through
 * a {@link TcpProxy} the tests can cut. Every test starts with Redis up, every node on it and nobody online.
 */
class ClusterRedisFaultsTest {
    /**
     * SPEC §13 asks for subscriptions restored within 2 s. The bound here is generous: Lettuce retries at most every
     * second, and two cores are shared by three nodes, Redis and the test.
     */
    private static final Duration RESUME_LIMIT = Duration.ofSeconds(5);
    /** An admin call while Redis is away: a Redis command fails at once, or after its 3 s timeout at worst. */
    private static final Duration ADMIN_LIMIT = Duration.ofSeconds(6);
    /** Longer than the node timeout (4 s) and the reaper's round: the other nodes reap a node cut off this long. */
    private static final Duration REAPED_LIMIT = Duration.ofSeconds(10);
    private static final int PROXIED = 2;

    @RegisterExtension
    @Order(1)
    static final PrivateRedis REDIS = new PrivateRedis();
    /** Node {@link #PROXIED}'s way to Redis. */
    static final TcpProxy LINK = proxyTo(REDIS);

    @RegisterExtension
    @Order(2)
    static final ClusterExtension CLUSTER = ClusterExtension.with(3, Map.of("SWITCHBOARD_RATE_LIMIT", "off"),
            i -> Map.of(Settings.REDIS_URL, i == PROXIED ? "redis://127.0.0.1:" + LINK.port() : REDIS.url()));

    private static TcpProxy proxyTo(PrivateRedis redis) {
        try {
            return new TcpProxy("127.0.0.1", redis.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void closeLink() {
        LINK.close();
    }

    @BeforeEach
    void redisRunsAndTheClusterIsWhole() throws IOException {
        REDIS.start();
        LINK.restore();
        CLUSTER.restartStopped();
        for (int i = 0; i < CLUSTER.size(); i++) {
            int node = i;
            Eventually.await(CLUSTER.nodeId(node) + " is on Redis with every node, nobody online",
                    Duration.ofSeconds(15), () -> {
                        Http.Reply stats = stats(node);
                        return stats.status() == 200 && "up".equals(stats.json().getString("bus"))
                                && stats.json().getJsonArray("nodes").size() == 3 && onlineUsers(node).isEmpty();
                    });
        }
    }

    // --- the cases -------------------------------------------------------------------------------------------

    @Test
    void aRedisRestartLosesNoSubscription() throws IOException {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> users = List.of(newUser(), newUser(), newUser());
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users.size(); i++) {
                clients.add(connect(i, users.get(i)));
                join(clients.get(i), room);
            }
            awaitOnlineEverywhere(Set.copyOf(users));
            // The paths work before the fault, or their working after it would prove nothing.
            everyPathFlows("before the restart", users, clients, room, System.nanoTime());

            REDIS.kill();
            awaitBusEverywhere("down");
            REDIS.start();
            long back = System.nanoTime(); // start() returns as soon as Redis answers PING

            long first = direct(clients, users, 0, 1, back, "after the restart");
            long all = everyPathFlows("after the restart", users, clients, room, back);
            System.out.println("[redis-faults] after a Redis restart: the first cross-node message was delivered "
                    + first + " ms after Redis answered PING again, every path flowed again after " + all + " ms");
            awaitOnlineEverywhere(Set.copyOf(users));
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static boolean presence(JsonObject m, String type, String user) {
        return type.equals(m.getString("message_type", "")) && m.containsKey("data")
                && user.equals(m.getJsonObject("data").getString("user_id", ""));
    }

    @Test
    void eachNodeServesItsOwnConnectionsWhileRedisIsDown() throws IOException {
        String alice = newUser();
        String bob = newUser();
        ServerTarget node = CLUSTER.node(0);
        try (WsClient a = connect(0, alice)) {
            REDIS.kill();
            awaitBus(0, "down"); // each call answers 200 within ADMIN_LIMIT, or the test fails there
            try (WsClient b = connect(0, bob)) { // opened while Redis is away
                a.send(FlowProbe.direct(bob).withId("to-bob"));
                assertEquals(alice, byId(b, "to-bob").getString("from_user_id"));
                b.send(FlowProbe.direct(alice).withId("to-alice"));
                assertEquals(bob, byId(a, "to-alice").getString("from_user_id"));
                for (WsClient c : List.of(a, b)) {
                    c.send("{\"id\":\"ping-down\",\"message_type\":\"ping\"}");
                    assertEquals("pong", byId(c, "ping-down").getString("message_type"));
                }
                String online = timed("GET /ws/online", () -> Http.get(node.http("ws/online"), node.adminToken()))
                        .body();
                assertTrue(online.contains(alice) && online.contains(bob), online);
                timed("GET /ws/rooms", () -> Http.get(node.http("ws/rooms"), node.adminToken()));
                Http.Reply sent = timed("POST /ws/send", () -> Http.post(node.http("ws/send"), node.adminToken(),
                        "{\"to_user_id\":\"" + bob + "\",\"data\":{\"n\":1}}"));
                assertEquals(1, sent.json().getInt("delivered"), sent.body());
                b.nextOfType("notification");
            }
        }
    }

    @Test
    void aCutLinkToRedisIsRestored() {
        List<String> users = List.of(newUser(), newUser(), newUser());
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users.size(); i++) {
                clients.add(connect(i, users.get(i)));
            }
            awaitOnlineEverywhere(Set.copyOf(users));
            String cutOff = users.get(PROXIED);

            LINK.cut();
            awaitBus(PROXIED, "down");
            // Cut off long enough for the others to reap it: restoring it must undo that too.
            Eventually.await(CLUSTER.nodeId(0) + " no longer lists " + cutOff + " of the cut-off node",
                    REAPED_LIMIT, () -> !onlineUsers(0).contains(cutOff));
            for (int other = 0; other < users.size(); other++) {
                if (other != PROXIED) {
                    clients.get(other).nextMatching(m -> presence(m, "user_left", cutOff));
                }
            }
            LINK.restore();
            long restored = System.nanoTime();
            // The others were told the cut-off node's user had left: they are told it is back, once.
            for (int other = 0; other < users.size(); other++) {
                if (other != PROXIED) {
                    clients.get(other).nextMatching(m -> presence(m, "user_joined", cutOff));
                }
            }

            long worst = 0;
            for (int other = 0; other < users.size(); other++) {
                if (other != PROXIED) {
                    worst = Math.max(worst, direct(clients, users, PROXIED, other, restored, "after the cut"));
                    worst = Math.max(worst, direct(clients, users, other, PROXIED, restored, "after the cut"));
                }
            }
            System.out.println("[redis-faults] the cut-off node's users were reached again " + worst
                    + " ms after its link was restored");
            awaitOnlineEverywhere(Set.copyOf(users));
            for (int other = 0; other < users.size(); other++) {
                if (other != PROXIED) {
                    assertTrue(clients.get(other).drain(Duration.ofMillis(300)).stream()
                                    .noneMatch(t -> t.contains("\"user_joined\"") && t.contains(cutOff)),
                            "user_joined of the returning node's user came twice");
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void messagesSentWhileRedisIsDownAreCountedNotQueued() throws Exception {
        // Senders and receivers apart: a sender may be closed for its error rate (every user_offline counts), and
        // that must not take a receiver with it.
        List<String> senders = List.of(newUser(), newUser(), newUser());
        List<String> receivers = List.of(newUser(), newUser(), newUser());
        List<WsClient> receiving = new ArrayList<>();
        try {
            for (int i = 0; i < receivers.size(); i++) {
                receiving.add(connect(i, receivers.get(i)));
            }
            List<Supplier<WsClient>> sending = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                int node = i;
                sending.add(() -> connect(node, senders.get(node)));
            }
            awaitOnlineEverywhere(Set.copyOf(receivers));
            RedisOutage.Report report = RedisOutage.underSteadyStreams(REDIS, sending, receiving, receivers,
                    RESUME_LIMIT);
            System.out.println("[redis-faults] " + report);
            assertTrue(report.problems().isEmpty(), report.problems() + "; " + report);
        } finally {
            receiving.forEach(WsClient::close);
        }
    }

    // --- paths -----------------------------------------------------------------------------------------------

    /** Direct messages both ways between every pair of nodes, a room message and a broadcast from every node. */
    private static long everyPathFlows(String when, List<String> users, List<WsClient> clients, String room,
                                       long since) {
        long worst = 0;
        for (int from = 0; from < clients.size(); from++) {
            List<WsClient> others = new ArrayList<>(clients);
            others.remove(from);
            for (int to = 0; to < clients.size(); to++) {
                if (to != from) {
                    worst = Math.max(worst, direct(clients, users, from, to, since, when));
                }
            }
            worst = Math.max(worst, FlowProbe.millisUntilDelivered("room messages from " + CLUSTER.nodeId(from)
                    + " " + when, clients.get(from), others, FlowProbe.room(room), since, RESUME_LIMIT));
            worst = Math.max(worst, FlowProbe.millisUntilDelivered("broadcasts from " + CLUSTER.nodeId(from)
                    + " " + when, clients.get(from), others, FlowProbe.broadcast(), since, RESUME_LIMIT));
        }
        return worst;
    }

    private static long direct(List<WsClient> clients, List<String> users, int from, int to, long since,
                               String when) {
        return FlowProbe.millisUntilDelivered("direct messages " + CLUSTER.nodeId(from) + " -> " + CLUSTER.nodeId(to)
                        + " " + when, clients.get(from), List.of(clients.get(to)), FlowProbe.direct(users.get(to)),
                since, RESUME_LIMIT);
    }

    // --- clients and admin calls -----------------------------------------------------------------------------

    private static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    private static WsClient connect(int node, String user) {
        ServerTarget target = CLUSTER.node(node);
        return WsClient.connect(target, "ws", target.userToken(user)).awaitOpen();
    }

    private static void join(WsClient c, String room) {
        String id = "join-" + UUID.randomUUID();
        c.send("{\"id\":\"" + id + "\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
        byId(c, id);
    }

    private static JsonObject byId(WsClient c, String id) {
        return c.nextMatching(m -> id.equals(m.getString("id", "")));
    }

    private static Http.Reply stats(int node) {
        ServerTarget target = CLUSTER.node(node);
        return Http.get(target.http("ws/stats"), target.adminToken());
    }

    private static Set<String> onlineUsers(int node) {
        ServerTarget target = CLUSTER.node(node);
        return Http.get(target.http("ws/online?limit=1000"), target.adminToken()).json().getJsonArray("users")
                .stream().map(JsonValue::asJsonObject).map(u -> u.getString("user_id")).collect(Collectors.toSet());
    }

    /** Every node lists exactly these users (the nodes write their entries again after a Redis restart). */
    private static void awaitOnlineEverywhere(Set<String> users) {
        for (int i = 0; i < CLUSTER.size(); i++) {
            int node = i;
            Eventually.await(CLUSTER.nodeId(node) + " lists exactly " + users + " online", RESUME_LIMIT,
                    () -> onlineUsers(node).equals(users));
        }
    }

    private static void awaitBusEverywhere(String state) {
        for (int i = 0; i < CLUSTER.size(); i++) {
            awaitBus(i, state);
        }
    }

    private static void awaitBus(int node, String state) {
        Eventually.await(CLUSTER.nodeId(node) + " says \"bus\":\"" + state + "\"", ADMIN_LIMIT,
                () -> state.equals(timed("GET /ws/stats", () -> stats(node)).json().getString("bus")));
    }

    /** An admin call that must answer (200) within {@link #ADMIN_LIMIT} whatever Redis does. */
    private static Http.Reply timed(String what, Supplier<Http.Reply> call) {
        long start = System.nanoTime();
        Http.Reply reply = call.get();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took <= ADMIN_LIMIT.toMillis(), what + " took " + took + " ms");
        assertEquals(200, reply.status(), what + " answered " + reply.status() + ": " + reply.body());
        return reply;
    }
}
