package io.switchboard.war;

import io.switchboard.testing.Eventually;
import io.switchboard.testing.Http;
import io.switchboard.testing.MixedCluster;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TargetRuntime;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mixed cluster (docs/cluster.md): the standalone jar, the WAR in WildFly and the WAR in Payara Micro on one
 * Redis and one database, with a user on each. Every kind of delivery and presence crosses every pair of runtimes.
 * Run by {@code mvn verify -Pmixed}.
 */
class MixedClusterIT {
    @RegisterExtension
    static final MixedCluster CLUSTER = new MixedCluster();
    private static final List<TargetRuntime> NODES = List.of(TargetRuntime.values());

    /** users.get(i) is connected through NODES.get(i), by clients.get(i); they connected in that order. */
    private final List<String> users = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void aUserOnEachNode() {
        for (TargetRuntime node : NODES) {
            String user = newUser(node);
            users.add(user);
            clients.add(connect(node, user));
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    private static String newUser(TargetRuntime node) {
        return node.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static WsClient connect(TargetRuntime node, String user) {
        ServerTarget target = CLUSTER.node(node);
        return WsClient.connect(target, "ws", target.userToken(user)).awaitOpen();
    }

    private static JsonObject from(WsClient c, String id) {
        return c.nextMatching(m -> id.equals(m.getString("id", "")));
    }

    private static boolean isPresence(JsonObject m, String event, String user) {
        return event.equals(m.getString("message_type", "")) && !m.getJsonObject("data").containsKey("room")
                && user.equals(m.getJsonObject("data").getString("user_id", ""));
    }

    private static String text(String id, String field, String value) {
        return "{\"id\":\"" + id + "\",\"message_type\":\"text\",\"data\":{\"content\":\"" + id + "\"}"
                + (field == null ? "" : ",\"" + field + "\":\"" + value + "\"") + "}";
    }

    private static Http.Reply adminBroadcast(TargetRuntime node, String content) {
        ServerTarget target = CLUSTER.node(node);
        return Http.post(target.http("ws/broadcast"), target.adminToken(),
                "{\"message_type\":\"system_message\",\"data\":{\"content\":\"" + content + "\"}}");
    }

    private static Set<String> onlineUsers(TargetRuntime node) {
        ServerTarget target = CLUSTER.node(node);
        Http.Reply r = Http.get(target.http("ws/online?limit=1000"), target.adminToken());
        assertEquals(200, r.status(), node + ": " + r.body());
        return r.json().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("user_id")).collect(Collectors.toSet());
    }

    @Test
    void aUserConnectingOnAnyNodeIsAnnouncedOnEveryNode() {
        // The users of the fixture connected in node order: each heard of those who came after it.
        for (int i = 0; i < NODES.size(); i++) {
            for (int j = i + 1; j < NODES.size(); j++) {
                String joined = users.get(j);
                JsonObject m = clients.get(i).nextMatching(x -> isPresence(x, "user_joined", joined));
                assertEquals(joined + "-name", m.getJsonObject("data").getString("username"));
            }
        }
        // And one more user on each node in turn, heard by the users of every node: each direction once more.
        for (TargetRuntime node : NODES) {
            String late = newUser(node);
            try (WsClient ignored = connect(node, late)) {
                for (WsClient c : clients) {
                    c.nextMatching(x -> isPresence(x, "user_joined", late));
                }
            }
        }
    }

    @Test
    void directMessagesCrossEveryPairOfRuntimes() {
        for (int i = 0; i < NODES.size(); i++) {
            for (int j = 0; j < NODES.size(); j++) {
                if (i == j) {
                    continue;
                }
                String id = "dm-" + NODES.get(i) + "-to-" + NODES.get(j) + "-" + UUID.randomUUID();
                clients.get(i).send(text(id, "to_user_id", users.get(j)));
                JsonObject m = from(clients.get(j), id);
                assertEquals("text", m.getString("message_type"));
                assertEquals(users.get(i), m.getString("from_user_id"));
                assertEquals(users.get(j), m.getString("to_user_id"));
                assertEquals(id, m.getJsonObject("data").getString("content"));
            }
        }
    }

    @Test
    void aRoomMadeThroughOneNodeIsJoinedAndHeardThroughTheOthers() {
        String room = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
        // The first join (standalone) makes the room; the WAR users join it through WildFly and Payara.
        for (int i = 0; i < NODES.size(); i++) {
            String id = "join-" + NODES.get(i);
            clients.get(i).send("{\"id\":\"" + id + "\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room
                    + "\"}}");
            JsonObject ack = from(clients.get(i), id);
            assertEquals("joined", ack.getJsonObject("data").getString("event"), ack.toString());
        }
        for (TargetRuntime node : NODES) {
            ServerTarget target = CLUSTER.node(node);
            Http.Reply r = Http.get(target.http("ws/rooms/" + room), target.adminToken());
            assertEquals(200, r.status(), node + ": " + r.body());
            assertEquals(Set.copyOf(users), r.json().getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("id")).collect(Collectors.toSet()), node + ": " + r.body());
        }
        for (int i = 0; i < NODES.size(); i++) {
            String id = "room-from-" + NODES.get(i) + "-" + UUID.randomUUID();
            clients.get(i).send(text(id, "room", room));
            for (int j = 0; j < NODES.size(); j++) {
                if (j != i) {
                    JsonObject m = from(clients.get(j), id);
                    assertEquals(room, m.getString("room"));
                    assertEquals(users.get(i), m.getString("from_user_id"));
                }
            }
        }
    }

    @Test
    void broadcastsFromAClientAndFromTheAdminApiReachEveryNode() {
        for (int i = 0; i < NODES.size(); i++) {
            String id = "bc-from-" + NODES.get(i) + "-" + UUID.randomUUID();
            clients.get(i).send(text(id, null, null));
            for (int j = 0; j < NODES.size(); j++) {
                if (j != i) {
                    assertEquals(users.get(i), from(clients.get(j), id).getString("from_user_id"));
                }
            }
        }
        for (TargetRuntime node : NODES) {
            String content = "admin-via-" + node + "-" + UUID.randomUUID();
            Http.Reply r = adminBroadcast(node, content);
            assertEquals(200, r.status(), node + ": " + r.body());
            assertTrue(r.json().getInt("delivered") >= NODES.size(), node + ": " + r.body());
            for (WsClient c : clients) {
                c.nextMatching(m -> "system_message".equals(m.getString("message_type", ""))
                        && content.equals(m.getJsonObject("data").getString("content", "")));
            }
        }
    }

    @Test
    void onlineAndStatsOfEveryNodeCoverTheWholeCluster() {
        Set<String> nodeIds = NODES.stream().map(CLUSTER::nodeId).collect(Collectors.toSet());
        for (TargetRuntime node : NODES) {
            Set<String> online = onlineUsers(node);
            assertTrue(online.containsAll(users), node + " lists " + online + ", not all of " + users);
            ServerTarget target = CLUSTER.node(node);
            Http.Reply stats = Http.get(target.http("ws/stats"), target.adminToken());
            assertEquals(200, stats.status(), node + ": " + stats.body());
            assertEquals(nodeIds, stats.json().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                    .map(n -> n.getString("node_id")).collect(Collectors.toSet()), node + ": " + stats.body());
            assertTrue(stats.json().getInt("unique_users") >= NODES.size(), node + ": " + stats.body());
        }
    }

    /**
     * Exactly once: after the {@code user_left}, an admin broadcast is sent through each node; a second
     * {@code user_left} from any node's handling of the close would reach a client before that node's marker.
     */
    @ParameterizedTest
    @EnumSource(TargetRuntime.class)
    void aUserLeavingIsAnnouncedOnceOnEveryOtherNode(TargetRuntime leaving) {
        int gone = NODES.indexOf(leaving);
        String leaver = users.get(gone);
        clients.get(gone).close();
        List<WsClient> others = new ArrayList<>(clients);
        others.remove(gone);
        for (WsClient c : others) {
            c.nextMatching(m -> isPresence(m, "user_left", leaver));
        }
        Set<String> markers = NODES.stream().map(n -> "after-left-via-" + n + "-" + UUID.randomUUID())
                .collect(Collectors.toSet());
        List<String> sent = new ArrayList<>(markers);
        for (int i = 0; i < NODES.size(); i++) {
            assertEquals(200, adminBroadcast(NODES.get(i), sent.get(i)).status());
        }
        for (WsClient c : others) {
            List<JsonObject> seen = c.collect(m -> isPresence(m, "user_left", leaver)
                    || "system_message".equals(m.getString("message_type", "")), markers.size(), WsClient.WAIT);
            assertEquals(markers, seen.stream().map(m -> m.getJsonObject("data").getString("content", m.toString()))
                    .collect(Collectors.toSet()), "a second user_left, or a marker missing: " + seen);
        }
        for (TargetRuntime node : NODES) {
            Eventually.await(node + " no longer lists " + leaver, () -> !onlineUsers(node).contains(leaver));
        }
    }
}
