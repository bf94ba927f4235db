package io.switchboard.cluster;

import io.switchboard.scenarios.AdminScenarios;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared {@code AdminScenarios} on three nodes: each client and admin call of a scenario goes to the next node. */
class ClusterAdminTest extends AdminScenarios {
    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return CLUSTER;
    }

    /** {@code rooms} in {@code /ws/stats} counts the rooms of every node, as {@code /ws/rooms} lists them. */
    @Test
    void statsCountTheRoomsOfEveryNode() {
        String room = "st-" + UUID.randomUUID().toString().substring(0, 8);
        ServerTarget first = CLUSTER.node(0);
        try (WsClient c = WsClient.connect(first, "ws", first.userToken("u-" + UUID.randomUUID()))) {
            c.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
            c.nextMatching(m -> "j".equals(m.getString("id", "")));
            for (int i = 0; i < CLUSTER.size(); i++) {
                ServerTarget node = CLUSTER.node(i);
                int listed = Http.get(node.http("ws/rooms?limit=1000"), node.adminToken()).json().getInt("total");
                JsonObject stats = Http.get(node.http("ws/stats"), node.adminToken()).json();
                assertEquals(listed, stats.getInt("rooms"), "node " + i + ": " + stats);
            }
        }
    }
}
