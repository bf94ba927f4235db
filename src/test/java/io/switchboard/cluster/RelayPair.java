package io.switchboard.cluster;

import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One side of a {@code /relay} group (seed 000's message shape), registered on a chosen node. */
final class RelayPair {
    private RelayPair() {
    }

    static String message(String group, String sender, String receiver, String content, String type) {
        return "{\"group_id\":\"" + group + "\",\"sender_type\":\"" + sender + "\",\"receiver_type\":\"" + receiver
                + "\",\"content\":\"" + content + "\"" + (type == null ? "" : ",\"message_type\":\"" + type + "\"")
                + "}";
    }

    /** Connects with a device token for {@code <group>:<side>} and registers; returns once init_ack arrived. */
    static WsClient register(ServerTarget node, String group, String side) {
        WsClient c = WsClient.connect(node, "relay", node.minter().device(group + ":" + side, Duration.ofHours(1)));
        c.send(message(group, side, "server", "hello", "init"));
        JsonObject ack = c.nextJson();
        assertEquals("init_ack", ack.getString("message_type"), ack.toString());
        return c;
    }
}
