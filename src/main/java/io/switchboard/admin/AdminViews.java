package io.switchboard.admin;

import io.switchboard.limits.LimitCounts;
import io.switchboard.store.StoreStats;

import java.util.List;
import java.util.Map;

/** Response bodies of the admin API (snake_case on the wire). */
public final class AdminViews {
    private AdminViews() {
    }

    public record OnlineUser(String userId, String username, String connectedAt, int connections) {
    }

    public record Online(int count, List<OnlineUser> users) {
    }

    /**
     * {@code presenceShed}: presence events dropped for slow receivers instead of queued (SPEC §13 "Limits");
     * {@code limits}: what the limits of SPEC §13 refused on this node.
     */
    public record Stats(int totalConnections, int uniqueUsers, long serverUptime, Map<String, Integer> connectionsByEndpoint,
                 int rooms, long deliveredFrames, long presenceShed, Map<String, Long> closes, LimitCounts.Snapshot limits,
                 StoreStats store, String nodeId, String bus, List<NodeView> nodes) {
    }

    /** One node of the hub in {@code /ws/stats}: its connections, per endpoint, and its last heartbeat. */
    public record NodeView(String nodeId, int connections, Map<String, Integer> connectionsByEndpoint,
                           String lastSeen) {
    }

    public record Delivered(int delivered) {
    }

    public record Closed(int closed) {
    }

    public record Revoked(String jti, int closed) {
    }

    public record Blocked(String userId, boolean blocked, int closed) {
    }

    public record RoomSummary(String roomId, String kind, int members, String createdAt) {
    }

    public record Rooms(int total, List<RoomSummary> rooms) {
    }

    public record Member(String id, String name, String connectedAt) {
    }

    /** {@code storedMessages} is left out when the database cannot say. */
    public record RoomDetail(String roomId, String kind, String createdAt, List<Member> members, int memberCount,
                             Long storedMessages) {
    }

    public record StoredMessageView(long id, String channel, String roomId, String messageType, String fromDeviceId,
                                    String toDeviceId, String fromUserId, String toUserId, String contentType,
                                    String clientMessageId, String content, String sentAt) {
    }

    public record RoomMessages(String roomId, long total, int limit, int offset, List<StoredMessageView> messages) {
    }

    public record LiveConnection(String roomId, String clientIp, String connectedAt) {
    }

    public record ConnectionRow(String roomId, String clientIp, String connectedAt, String disconnectedAt) {
    }

    /** {@code recentConnections} is left out when the database cannot say. */
    public record Device(String deviceId, String identity, boolean online, String lastRoomId, String lastConnectedAt,
                         LiveConnection connection, List<ConnectionRow> recentConnections) {
    }

    /**
     * {@code GET /health}; {@code checks}: {@code bus} ({@code up}, or {@code down} while a cluster node cannot reach
     * Redis: it still serves its own connections, SPEC §13) and {@code database} (the store's state).
     */
    public record Health(String status, int connections, long uptime, Map<String, String> checks) {
    }
}
