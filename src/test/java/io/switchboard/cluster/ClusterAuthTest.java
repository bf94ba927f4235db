package io.switchboard.cluster;

import io.switchboard.scenarios.AuthScenarios;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.Http;
import io.switchboard.testing.RawHandshake;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared {@code AuthScenarios} on three nodes: a token revoked or a user blocked through one node is refused, and closed, on every node. */
class ClusterAuthTest extends AuthScenarios {
    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return CLUSTER;
    }

    /** A token revoked through node 0 closes its connections on nodes 1 and 2, and is refused on all three. */
    @Test
    void aRevocationHoldsOnEveryNode() {
        String jti = UUID.randomUUID().toString();
        String id = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String token = CLUSTER.tokenWith(Map.of("sub", id, "username", id, "email", "e@x.test", "jti", jti),
                Duration.ofMinutes(5));
        try (WsClient on1 = WsClient.connect(CLUSTER.node(1), "ws", token).awaitOpen();
             WsClient on2 = WsClient.connect(CLUSTER.node(2), "ws", token).awaitOpen()) {
            Http.Reply reply = Http.post(CLUSTER.node(0).http("ws/revoke"), CLUSTER.adminToken(),
                    "{\"jti\":\"" + jti + "\"}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(2, reply.json().getInt("closed"), reply.body());
            for (WsClient c : new WsClient[] {on1, on2}) {
                WsClient.Close close = c.awaitClose();
                assertEquals(1008, close.code());
                assertEquals("token revoked", close.reason());
            }
        }
        for (int i = 0; i < CLUSTER.size(); i++) {
            assertEquals(401, RawHandshake.send(CLUSTER.node(i).ws("ws?token=" + token), Map.of()).status(),
                    "node " + i);
        }
    }

    /** A user blocked through node 1 is closed on nodes 0 and 2 and refused everywhere until unblocked (node 2). */
    @Test
    void aBlockHoldsOnEveryNodeUntilLifted() {
        String id = "blocked-" + UUID.randomUUID().toString().substring(0, 8);
        try (WsClient on0 = WsClient.connect(CLUSTER.node(0), "ws", CLUSTER.userToken(id)).awaitOpen();
             WsClient on2 = WsClient.connect(CLUSTER.node(2), "ws", CLUSTER.userToken(id)).awaitOpen()) {
            Http.Reply reply = Http.post(CLUSTER.node(1).http("ws/users/" + id + "/block"), CLUSTER.adminToken(), "");
            assertEquals(200, reply.status(), reply.body());
            for (WsClient c : new WsClient[] {on0, on2}) {
                assertEquals("user blocked", c.awaitClose().reason());
            }
        }
        for (int i = 0; i < CLUSTER.size(); i++) {
            assertEquals(401, RawHandshake.send(CLUSTER.node(i).ws("ws?token=" + CLUSTER.userToken(id)), Map.of())
                    .status(), "node " + i);
        }
        assertEquals(200, Http.delete(CLUSTER.node(2).http("ws/users/" + id + "/block"), CLUSTER.adminToken())
                .status());
        for (int i = 0; i < CLUSTER.size(); i++) {
            try (WsClient again = WsClient.connect(CLUSTER.node(i), "ws", CLUSTER.userToken(id))) {
                again.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
                assertEquals("p", again.nextOfType("pong").getString("id"), "node " + i);
            }
        }
    }
}
