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
     * Makes an admitted connection reachable (by user on {@code /ws}) and counts it, unless the user holds
     * SWITCHBOARD_MAX_CONNECTIONS_PER_USER {@code /ws} connections anywhere in the hub already: the count and the
     * check are one atomic step (the handshake's look at {@link #connectionsOf} is only a cheap early refusal).
     */
    CompletionStage<Opened> open(Connection c);

    /** The user's open {@code /ws} connections, hub-wide. */
    CompletionStage<Integer> connectionsOf(String userId);

    /** The reverse of {@link #open}; completes with true when it was the user's last {@code /ws} connection. */
    CompletionStage<Boolean> close(Connection c);

    /** Open connections of an endpoint, hub-wide. */
    CompletionStage<Integer> connections(Channel channel);

    /** Users online on {@code /ws} anywhere, sorted by id. */
    CompletionStage<List<SessionRegistry.OnlineUser>> onlineUsers();

    /** The nodes of the hub (one without a cluster), each with its connections per endpoint. */
    CompletionStage<List<Node>> nodes();

    /** What {@link #open} came to. */
    enum Opened {
        /** The user's first {@code /ws} connection anywhere in the hub: presence says the user joined. */
        FIRST,
        /** Counted; not a user's first (or not a {@code /ws} connection at all). */
        ANOTHER,
        /** Over SWITCHBOARD_MAX_CONNECTIONS_PER_USER: not counted, not reachable; the caller closes it. */
        OVER_LIMIT;

        public static Opened firstIf(boolean first) {
            return first ? FIRST : ANOTHER;
        }
    }

    record Node(String nodeId, Map<Channel, Integer> connections, Instant lastSeen) {
        public int total() {
            return connections.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
