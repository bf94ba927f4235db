package io.switchboard.admin;

import io.switchboard.auth.AccessList;
import io.switchboard.devices.DeviceRegistry;
import io.switchboard.limits.LimitCounts;
import io.switchboard.rooms.Room;
import io.switchboard.rooms.RoomIndex;
import io.switchboard.rooms.RoomRegistry;
import io.switchboard.routing.NodeCommand;
import io.switchboard.routing.Published;
import io.switchboard.routing.Router;
import io.switchboard.session.Channel;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import io.switchboard.session.SessionRegistry;
import io.switchboard.store.Store;
import io.switchboard.store.StoreUnavailable;
import io.switchboard.ws.MessageType;
import io.switchboard.ws.WsMessage;
import io.switchboard.ws.WsMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the admin API does, apart from HTTP: sends through the router, closes through the registry. */
@ApplicationScoped
public class AdminOperations {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<MessageType> SENDABLE =
            EnumSet.of(MessageType.TEXT, MessageType.NOTIFICATION, MessageType.SYSTEM_MESSAGE);

    @Inject
    SessionRegistry registry;
    @Inject
    Membership membership;
    @Inject
    io.switchboard.config.Settings settings;
    @Inject
    RoomRegistry rooms;
    @Inject
    RoomIndex roomIndex;
    @Inject
    Router router;
    @Inject
    AccessList accessList;
    @Inject
    DeviceRegistry devices;
    @Inject
    Store store;
    @Inject
    LimitCounts limits;

    AdminViews.Online online(Paging paging) {
        var all = await(membership.onlineUsers());
        var users = paging.page(all).stream().map(u -> new AdminViews.OnlineUser(u.userId(), u.username(),
                u.connectedAt().toString(), u.connections())).toList();
        return new AdminViews.Online(all.size(), users);
    }

    /**
     * Connections and users for the whole hub (every node of a cluster, with a {@code nodes} list); the counters
     * (deliveries, closes, shed presence, limits, store) are this node's.
     */
    AdminViews.Stats stats() {
        List<Membership.Node> nodes = await(membership.nodes());
        Map<String, Integer> byEndpoint = new LinkedHashMap<>();
        for (Channel ch : Channel.values()) {
            byEndpoint.put(ch.label(), nodes.stream().mapToInt(n -> n.connections().getOrDefault(ch, 0)).sum());
        }
        Map<String, Long> closes = new LinkedHashMap<>();
        for (Closing c : Closing.values()) {
            closes.put(c.name().toLowerCase(java.util.Locale.ROOT), registry.closedFor(c));
        }
        List<AdminViews.NodeView> nodeViews = nodes.stream().map(n -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            n.connections().forEach((ch, count) -> counts.put(ch.label(), count));
            return new AdminViews.NodeView(n.nodeId(), n.total(), counts, n.lastSeen().toString());
        }).toList();
        return new AdminViews.Stats(byEndpoint.values().stream().mapToInt(Integer::intValue).sum(),
                await(membership.onlineUsers()).size(),
                Duration.between(registry.startedAt(), Instant.now()).toSeconds(), byEndpoint,
                roomIndex.all().map(List::size).orElseGet(rooms::count),
                registry.deliveredFrames(), registry.shedFrames(), closes, limits.snapshot(), store.stats(),
                settings.nodeId(),
                router.busState(), nodeViews);
    }

    int send(AdminRequests.Send req) {
        if (req.toUserId() == null || req.toUserId().isBlank()) {
            throw ApiException.badRequest("to_user_id is required");
        }
        WsMessage m = message(req.messageType(), req.data(), req.toUserId());
        return reached(router.toUser(req.toUserId(), WsMessages.frame(m), null));
    }

    int broadcast(AdminRequests.Broadcast req) {
        WsMessage m = message(req.messageType(), req.data(), null);
        return reached(router.toEveryone(Channel.WS, WsMessages.frame(m), null));
    }

    /** The admin API answers with the count, so it waits for the bus (at once in memory; a round trip on a cluster). */
    private static int reached(CompletionStage<Published> published) {
        return await(published).receivers();
    }

    /** What the bus or the membership answers, within {@link #PUBLISH_TIMEOUT} (503 otherwise). */
    private static <T> T await(CompletionStage<T> answer) {
        try {
            return answer.toCompletableFuture().get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "bus_unavailable", "the message bus did not answer within " + PUBLISH_TIMEOUT);
        } catch (ExecutionException e) {
            throw new ApiException(503, "bus_unavailable", "the message bus failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "bus_unavailable", "interrupted");
        }
    }

    private static WsMessage message(String type, JsonObject data, String to) {
        MessageType t = type == null ? MessageType.NOTIFICATION : MessageType.fromWire(type)
                .filter(SENDABLE::contains)
                .orElseThrow(() -> ApiException.badRequest("message_type must be text, notification or system_message"));
        return new WsMessage(WsMessages.newId(), t.wire(), data == null ? Json.createObjectBuilder().build() : data,
                WsMessages.now(), null, to, null);
    }

    /** Closes connections that are dead or whose token has expired, on every node. */
    int cleanup() {
        return await(router.everyNode(new NodeCommand.Cleanup()));
    }

    /** The token id is refused on every node from now on; its connections everywhere are closed. */
    int revoke(String jti) {
        if (jti == null || jti.isBlank()) {
            throw ApiException.badRequest("jti is required");
        }
        return await(router.everyNode(new NodeCommand.Revoke(jti)));
    }

    int block(String userId) {
        return await(router.everyNode(new NodeCommand.Block(userId)));
    }

    boolean unblock(String userId) {
        boolean wasBlocked = accessList.isBlocked(userId);
        await(router.everyNode(new NodeCommand.Unblock(userId)));
        return wasBlocked;
    }

    AdminViews.Rooms rooms(Paging paging) {
        List<RoomIndex.Summary> all = roomIndex.all().orElseGet(() -> rooms.list().stream()
                .map(r -> new RoomIndex.Summary(r.id(), r.kind(), r.members().size(), r.createdAt())).toList());
        return new AdminViews.Rooms(all.size(), paging.page(all).stream().map(r -> new AdminViews.RoomSummary(
                r.roomId(), r.kind().label(), r.members(), r.createdAt().toString())).toList());
    }

    AdminViews.RoomDetail room(String roomId) {
        RoomIndex.Known r = rooms.find(roomId).map(local -> new RoomIndex.Known(local.kind(), local.createdAt()))
                .or(() -> roomIndex.find(roomId))
                .orElseThrow(() -> ApiException.notFound("no room '" + roomId + "'"));
        List<AdminViews.Member> members = roomIndex.members(roomId, r.kind())
                .map(all -> all.stream().map(m -> new AdminViews.Member(m.id(), m.name(), m.since().toString()))
                        .toList())
                .orElseGet(() -> rooms.find(roomId).map(local -> local.members().stream().map(this::member).toList())
                        .orElse(List.of()));
        Long stored;
        try {
            stored = store.countRoomMessages(roomId);
        } catch (StoreUnavailable e) {
            stored = null;
        }
        return new AdminViews.RoomDetail(roomId, r.kind().label(), r.createdAt().toString(), members, members.size(),
                stored);
    }

    /** A room member: a user by id and name, a device by device id and identity. */
    private AdminViews.Member member(Connection c) {
        return devices.identified(c.id())
                .map(d -> new AdminViews.Member(d.deviceId(), d.identity(), d.since().toString()))
                .orElseGet(() -> new AdminViews.Member(c.userId(), c.principal().username(),
                        c.connectedAt().toString()));
    }

    /** A room's stored messages, newest first; also for a {@code /ws} room that has emptied since. */
    AdminViews.RoomMessages roomMessages(String roomId, Paging paging) {
        try {
            long total = store.countRoomMessages(roomId);
            if (total == 0 && rooms.find(roomId).isEmpty() && !store.roomStored(roomId)) {
                throw ApiException.notFound("no room '" + roomId + "'");
            }
            var page = store.roomMessages(roomId, paging.limit(), paging.offset()).stream()
                    .map(m -> new AdminViews.StoredMessageView(m.id(), m.channel(), m.roomId(), m.messageType(),
                            m.fromDeviceId(), m.toDeviceId(), m.fromUserId(), m.toUserId(), m.contentType(),
                            m.clientMessageId(), m.content(), String.valueOf(m.sentAt())))
                    .toList();
            return new AdminViews.RoomMessages(roomId, total, paging.limit(), paging.offset(), page);
        } catch (StoreUnavailable e) {
            throw storeUnavailable(e);
        }
    }

    AdminViews.Device device(String deviceId) {
        var view = devices.view(deviceId)
                .orElseThrow(() -> ApiException.notFound("no device '" + deviceId + "'"));
        List<AdminViews.ConnectionRow> recent;
        try {
            recent = store.deviceConnections(deviceId, 20).stream().map(x -> new AdminViews.ConnectionRow(
                    x.roomId(), x.clientIp(), String.valueOf(x.connectedAt()),
                    x.disconnectedAt() == null ? null : x.disconnectedAt().toString())).toList();
        } catch (StoreUnavailable e) {
            recent = null;
        }
        var k = view.known();
        return new AdminViews.Device(k.deviceId(), k.identity(), view.live().isPresent(), k.lastRoomId(),
                k.lastConnectedAt() == null ? null : k.lastConnectedAt().toString(),
                view.live().map(l -> new AdminViews.LiveConnection(l.roomId(), l.clientIp(), l.connectedAt().toString()))
                        .orElse(null),
                recent);
    }

    private static ApiException storeUnavailable(StoreUnavailable e) {
        return new ApiException(503, "store_unavailable", e.getMessage());
    }

}
