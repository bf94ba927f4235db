package io.switchboard.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Who is connected, hub-wide: the one place that decides a user's first and last connection (presence) and
 * answers the counts and lists an administrator sees. The in-memory membership is this node's
 * {@link SessionRegistry}; a cluster membership keeps an index of every node's connections as well. Hubs open and
 * close connections through here, never through the registry directly.
 */
public interface Membership {

    /**
     * Makes an admitted connection reachable (by user on {@code /ws}) and counts it. Completes with true when it is
     * the user's first {@code /ws} connection anywhere in the hub (false for other channels).
     */
    CompletionStage<Boolean> open(Connection c);

    /** The reverse of {@link #open}; completes with true when it was the user's last {@code /ws} connection. */
    CompletionStage<Boolean> close(Connection c);

    /** Open connections of an endpoint, hub-wide. */
    CompletionStage<Integer> connections(Channel channel);

    /** Users online on {@code /ws} anywhere, sorted by id. */
    CompletionStage<List<SessionRegistry.OnlineUser>> onlineUsers();

    /** The nodes of the hub (one without a cluster), each with its connections per endpoint. */
    CompletionStage<List<Node>> nodes();

    record Node(String nodeId, Map<Channel, Integer> connections, Instant lastSeen) {
        public int total() {
            return connections.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
