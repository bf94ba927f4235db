package io.switchboard.cluster;

import io.switchboard.routing.Address;

import java.util.ArrayList;
import java.util.List;

/** What the cluster tells this node's features (CDI events, fired off Redis's threads). */
public final class ClusterEvents {
    private ClusterEvents() {
    }

    /** A user who is now offline everywhere because the node holding their last connection is gone. */
    public record GoneUser(String userId, String username) {
    }

    /**
     * A node left the cluster (reaped after it stopped answering, or stopping in order): the users it took offline
     * and the addresses it held (relay slots, devices), now free. Fired on the one node that reaped it.
     */
    public record NodeGone(String nodeId, List<GoneUser> users, List<Address> released) {
        boolean isEmpty() {
            return users.isEmpty() && released.isEmpty();
        }

        /** From the reap script's answer: {{uid, name, ...}, {address, ...}}. */
        static NodeGone of(String nodeId, List<Object> result) {
            List<GoneUser> users = new ArrayList<>();
            List<Address> released = new ArrayList<>();
            if (result != null && result.size() == 2) {
                List<?> u = (List<?>) result.get(0);
                for (int i = 0; i + 1 < u.size(); i += 2) {
                    users.add(new GoneUser(RedisEngine.string(u.get(i)), RedisEngine.string(u.get(i + 1))));
                }
                for (Object a : (List<?>) result.get(1)) {
                    released.add(new Address(RedisEngine.string(a)));
                }
            }
            return new NodeGone(nodeId, users, released);
        }
    }

    /** A node's answer to an administrator's order sent to every node: how many connections it closed. */
    public record CommandReply(String requestId, int closed) {
    }

    /**
     * Redis is back after a loss and this node's entries are written again: features re-register theirs.
     * {@code reaped}: the other nodes had reaped this node meanwhile (and announced its users gone).
     */
    public record Reconnected(boolean reaped) {
    }

    /**
     * Users of this node who are online again for the cluster after this node came back from being reaped: one
     * connection of each (the first indexed again), to be announced {@code user_joined} as on a first connection.
     */
    public record UsersBack(List<io.switchboard.session.Connection> firstConnections) {
    }
}
