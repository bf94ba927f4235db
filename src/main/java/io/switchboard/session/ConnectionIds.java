package io.switchboard.session;

/**
 * Connection ids are unique in the whole hub and name the node that holds the connection ({@code <node>/<n>}), so
 * that a delivery to one connection, or an order to close it, goes straight to its node on a cluster.
 */
public final class ConnectionIds {
    private ConnectionIds() {
    }

    static String of(String nodeId, long n) {
        return nodeId + "/" + Long.toString(n, 36);
    }

    /** The node holding a connection (node ids never contain {@code /}). */
    public static String nodeOf(String connectionId) {
        int slash = connectionId.lastIndexOf('/');
        return slash < 0 ? "" : connectionId.substring(0, slash);
    }
}
