package io.switchboard.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.config.Settings;
import io.switchboard.routing.Address;
import io.switchboard.routing.LocalDelivery;
import io.switchboard.session.Channel;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import io.switchboard.session.Scheduling;
import io.switchboard.session.SessionRegistry;
import io.switchboard.session.Shutdown;
import io.switchboard.session.WriteBatch;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's part of the cluster (docs/cluster.md): the link to Redis, the scripts that keep the cluster's index
 * of who is where (users, endpoints, rooms, addresses — each entry under the node that holds it), what arrives from
 * other nodes, and the node's life: a heartbeat every second, the reaping of nodes silent for
 * {@link #NODE_TIMEOUT_MILLIS}, a fresh registration of everything local after Redis comes back, and leaving at
 * once on an orderly stop.
 *
 * <p>Every key and channel starts with SWITCHBOARD_CLUSTER, so clusters (and tests) sharing one Redis never meet.
 * Scripts build their keys from that prefix: one Redis server (or a primary with replicas) per cluster, not Redis
 * Cluster's sharding (docs/cluster.md says why).
 */
@ApplicationScoped
public class RedisEngine {
    private static final Logger LOG = Logger.getLogger(RedisEngine.class.getName());
    /** A node whose heartbeat is older than this leaves presence (SPEC §13: within 5 s). */
    static final long NODE_TIMEOUT_MILLIS = 4_000;
    static final long HEARTBEAT_MILLIS = 1_000;

    @Inject
    Settings settings;
    @Inject
    LocalDelivery local;
    @Inject
    SessionRegistry registry;
    @Inject
    Scheduling scheduling;
    @Inject
    Event<ClusterEvents.NodeGone> nodeGone;
    @Inject
    Event<ClusterEvents.Reconnected> reconnected;
    @Inject
    Event<ClusterEvents.CommandReply> replies;
    @Inject
    io.switchboard.routing.NodeCommand.Handler orders;

    private final Scripts open = Scripts.load("open");
    private final Scripts close = Scripts.load("close");
    private final Scripts publish = Scripts.load("publish");
    private final Scripts publishClaimed = Scripts.load("publish_claimed");
    private final Scripts claim = Scripts.load("claim");
    private final Scripts release = Scripts.load("release");
    private final Scripts room = Scripts.load("room");
    private final Scripts reap = Scripts.load("reap");
    private final Scripts online = Scripts.load("online");
    private final Scripts rooms = Scripts.load("rooms");
    private final Scripts nodes = Scripts.load("nodes");

    private RedisLink link;
    private String prefix;
    private String nodeId;
    private byte[] prefixBytes;
    private byte[] nodeBytes;
    /** Messages from other nodes are delivered here, in the order they arrived, off Lettuce's event loop. */
    private ExecutorService inbound;
    private ScheduledFuture<?> heartbeat;
    private volatile boolean stopped;

    /** Connects (once) and starts the heartbeat; called by the cluster beans before their first use. */
    synchronized void start() {
        if (link != null || stopped) {
            return;
        }
        prefix = settings.clusterName();
        nodeId = settings.nodeId();
        prefixBytes = bytes(prefix);
        nodeBytes = bytes(nodeId);
        inbound = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "switchboard-bus-in");
            t.setDaemon(true);
            return t;
        });
        link = new RedisLink(settings.redisUrl().orElseThrow(),
                new byte[][] {bytes(prefix + ":to:" + nodeId), bytes(prefix + ":all")},
                (channel, message) -> inbound.execute(() -> receive(message)),
                () -> inbound.execute(this::registerAgain));
        // A node restarted under the same id after a crash: whatever its earlier life left in Redis goes first.
        await(reapNode(nodeId, null), "clearing this node's earlier entries");
        beat();
        heartbeat = scheduling.executor().scheduleWithFixedDelay(this::tick, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("cluster '" + prefix + "': node " + nodeId + " joined over " + redactedUrl());
    }

    String nodeId() {
        return nodeId;
    }

    boolean isUp() {
        return link != null && link.isUp();
    }

    // --- the index -------------------------------------------------------------------------------------------

    /** @param maxPerUser the most {@code /ws} connections a user may hold in the cluster; {@link Settings#OFF}: any */
    CompletionStage<Membership.Opened> opened(Connection c, int maxPerUser) {
        return this.<Long>runWithNode(open, ScriptOutputType.INTEGER, c.channel().label(), userOf(c), nameOf(c),
                Long.toString(System.currentTimeMillis()), Integer.toString(maxPerUser))
                .thenApply(r -> r < 0 ? Membership.Opened.OVER_LIMIT : Membership.Opened.firstIf(r == 1L));
    }

    CompletionStage<Boolean> closed(Connection c) {
        return this.<Long>runWithNode(close, ScriptOutputType.INTEGER, c.channel().label(), userOf(c))
                .thenApply(last -> last == 1L);
    }

    /** @param connectionId and {@code member} ("id TAB name TAB since ms"): a {@code /ws} member, or "" */
    CompletionStage<Long> roomChanged(String roomId, int delta, String kind, long createdMillis, String connectionId,
                                      String member) {
        return runWithNode(room, ScriptOutputType.INTEGER, roomId, Integer.toString(delta), kind,
                Long.toString(createdMillis), connectionId, member);
    }

    CompletionStage<List<Object>> roomList() {
        return runPlain(rooms, ScriptOutputType.MULTI);
    }

    /** A room another node made (device rooms): its kind and creation time, or null. */
    CompletionStage<String> roomInfo(String roomId) {
        return async().hget(bytes(prefix + ":rooms"), bytes(roomId)).thenApply(v -> v == null ? null : string(v));
    }

    /** Takes a fresh device room id for this cluster; false when it is taken. */
    CompletionStage<Boolean> reserveRoom(String roomId, String kind, long createdMillis) {
        return async().hsetnx(bytes(prefix + ":rooms"), bytes(roomId), bytes(kind + "|" + createdMillis));
    }

    /** @return {granted, previous holder or ""} */
    CompletionStage<List<Object>> claim(Address address, String connectionId, String policy) {
        return runPlain(claim, ScriptOutputType.MULTI, address.name(), connectionId, policy);
    }

    CompletionStage<Boolean> release(Address address, String connectionId) {
        return this.<Long>runPlain(release, ScriptOutputType.INTEGER, address.name(), connectionId)
                .thenApply(r -> r == 1L);
    }

    CompletionStage<String> holder(Address address) {
        return async().hget(bytes(prefix + ":a"), bytes(address.name())).thenApply(v -> v == null ? null : string(v));
    }

    // --- publishing ------------------------------------------------------------------------------------------

    /** To the other nodes holding receivers in a node-indexed hash; completes with how many receivers they hold. */
    CompletionStage<Long> publishIndexed(String indexKey, byte[] payload, boolean viaAllChannel) {
        return publish.run(async(), ScriptOutputType.INTEGER, new byte[][] {bytes(indexKey)},
                prefixBytes, nodeBytes, payload, bytes(viaAllChannel ? "all" : "each"));
    }

    /** To the holder of an address on another node: 1 published, 0 nobody holds it, -1 it is this node's. */
    CompletionStage<Long> publishClaimed(Address address, byte[] payload) {
        return publishClaimed.run(async(), ScriptOutputType.INTEGER, new byte[0][], prefixBytes,
                bytes(address.name()), nodeBytes, payload);
    }

    /** To every node's cluster-wide channel; completes with how many nodes listen. */
    CompletionStage<Long> publishToAll(byte[] payload) {
        return async().publish(bytes(prefix + ":all"), payload);
    }

    /** To one node's channel; completes with whether that node listens. */
    CompletionStage<Boolean> publishToNode(String node, byte[] payload) {
        return async().publish(bytes(prefix + ":to:" + node), payload).thenApply(n -> n > 0);
    }

    /** Runs on the thread that hands cluster events to features (never on Lettuce's event loop). */
    void handOff(Runnable task) {
        inbound.execute(task);
    }

    /** A key of this cluster ({@code <cluster>:<name>}). */
    byte[] key(String name) {
        return bytes(prefix + ":" + name);
    }

    String userKey(String userId) {
        return prefix + ":u:" + userId;
    }

    String roomKey(String roomId) {
        return prefix + ":r:" + roomId;
    }

    String channelKey(Channel channel) {
        return prefix + ":ch:" + channel.label();
    }

    // --- queries ---------------------------------------------------------------------------------------------

    CompletionStage<List<Object>> onlinePage(int offset, int limit) {
        return runPlain(online, ScriptOutputType.MULTI, Integer.toString(offset), Integer.toString(limit));
    }

    CompletionStage<List<Object>> nodeList() {
        String[] labels = Arrays.stream(Channel.values()).map(Channel::label).toArray(String[]::new);
        return runPlain(nodes, ScriptOutputType.MULTI, labels);
    }

    /** Sums the values of a node-indexed hash (connections of an endpoint, cluster-wide). */
    CompletionStage<Integer> sum(String indexKey) {
        return async().hvals(bytes(indexKey)).thenApply(values -> values.stream()
                .mapToInt(v -> Integer.parseInt(string(v))).sum());
    }

    // --- the node's life -------------------------------------------------------------------------------------

    private void tick() {
        if (stopped || !isUp()) {
            return;
        }
        try {
            beat();
            reapSilentNodes();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster heartbeat failed", e);
        }
    }

    private void beat() {
        async().zadd(bytes(prefix + ":nodes"), (double) System.currentTimeMillis(), nodeBytes);
    }

    /** Every node looks for silent ones; the reap script makes sure only one of them announces each. */
    private void reapSilentNodes() {
        long deadline = System.currentTimeMillis() - NODE_TIMEOUT_MILLIS;
        async().zrangebyscore(bytes(prefix + ":nodes"), io.lettuce.core.Range.create(0, (double) deadline))
                .thenAccept(silent -> {
                    for (byte[] node : silent) {
                        String id = string(node);
                        if (!id.equals(nodeId)) {
                            reapNode(id, deadline).thenAccept(gone -> announce(id, gone));
                        }
                    }
                });
    }

    private CompletionStage<ClusterEvents.NodeGone> reapNode(String node, Long deadline) {
        String[] labels = Arrays.stream(Channel.values()).map(Channel::label).toArray(String[]::new);
        List<String> args = new ArrayList<>(List.of(node, deadline == null ? "" : Long.toString(deadline)));
        args.addAll(List.of(labels));
        return this.<List<Object>>runPlain(reap, ScriptOutputType.MULTI, args.toArray(String[]::new))
                .thenApply(result -> ClusterEvents.NodeGone.of(node, result));
    }

    private void announce(String node, ClusterEvents.NodeGone gone) {
        if (gone.isEmpty()) {
            return;
        }
        LOG.warning("cluster: node " + node + " left (no heartbeat for " + NODE_TIMEOUT_MILLIS + " ms): "
                + gone.users().size() + " users offline, " + gone.released().size() + " addresses released");
        inbound.execute(() -> nodeGone.fire(gone));
    }

    /**
     * After Redis came back (restarted empty, or this node was reaped while cut off): this node's entries are
     * cleared and written again from what it holds. Presence events only when the others reaped this node (they told
     * their users that this node's users left); after a Redis restart nobody was told anything.
     */
    private void registerAgain() {
        if (stopped) {
            return;
        }
        async().getdel(key("reaped:" + nodeId)).thenCompose(mark -> reapNode(nodeId, null).thenAccept(cleared -> {
            beat();
            boolean reaped = mark != null;
            if (reaped) {
                LOG.info("cluster: this node was reaped while cut off; its users are announced again");
            }
            inbound.execute(() -> reconnected.fire(new ClusterEvents.Reconnected(reaped)));
        })).exceptionally(failure -> {
            // Not silent: this node stays out of the cluster's index until its next reconnect.
            LOG.log(Level.WARNING, "cluster: registering this node again after reconnecting failed", failure);
            return null;
        });
    }

    /** An orderly stop: the connections are closed; whatever is left of this node leaves the cluster at once. */
    void onShutdown(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) Shutdown.Closed event) {
        if (link == null) {
            return;
        }
        // PING after the close scripts of the connections just closed: Redis runs commands in order.
        await(async().ping(), "waiting for the last presence updates");
        ClusterEvents.NodeGone gone = await(reapNode(nodeId, null), "leaving the cluster");
        if (gone != null && !gone.isEmpty()) {
            nodeGone.fire(gone);
        }
        stopped = true;
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (inbound != null) {
            inbound.shutdown();
            try {
                inbound.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (link != null) {
            link.close();
            link = null;
        }
    }

    // --- from other nodes ------------------------------------------------------------------------------------

    private void receive(byte[] message) {
        BusCodec.Inbound in;
        try {
            in = BusCodec.read(message);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cluster: an unreadable bus message (" + message.length + " bytes) was dropped", e);
            return;
        }
        if (in instanceof BusCodec.Deliver d) {
            if (d.origin().equals(nodeId)) {
                return; // our own message on the cluster-wide channel: delivered here when it was published
            }
            WriteBatch.begin();
            try {
                local.deliver(d.delivery());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster: delivering a message from " + d.origin() + " failed", e);
            } finally {
                WriteBatch.end();
            }
        } else if (in instanceof BusCodec.Close c) {
            Connection connection = registry.byId(c.connectionId());
            if (connection != null) {
                connection.close(c.why());
            }
        } else if (in instanceof BusCodec.Command c) {
            if (!c.origin().equals(nodeId)) {
                int closed = orders.apply(c.command());
                publishToNode(c.origin(), BusCodec.reply(nodeId, c.requestId(), closed));
            }
        } else if (in instanceof BusCodec.Reply r) {
            replies.fire(new ClusterEvents.CommandReply(r.requestId(), r.closed()));
        }
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    /** The command connection; fails (IllegalStateException) once the node has left the cluster. */
    RedisAsyncCommands<byte[], byte[]> async() {
        RedisLink l = link;
        if (l == null) {
            start();
            l = link;
        }
        if (l == null) {
            throw new IllegalStateException("this node has left the cluster");
        }
        return l.async();
    }

    /** A script whose arguments are the cluster's prefix, this node's id, then {@code args}. */
    private <T> CompletionStage<T> runWithNode(Scripts script, ScriptOutputType type, String... args) {
        return run(script, type, args, true);
    }

    /** A script whose arguments are the cluster's prefix, then {@code args}. */
    private <T> CompletionStage<T> runPlain(Scripts script, ScriptOutputType type, String... args) {
        return run(script, type, args, false);
    }

    private <T> CompletionStage<T> run(Scripts script, ScriptOutputType type, String[] args, boolean withNode) {
        byte[][] all = new byte[args.length + (withNode ? 2 : 1)][];
        int i = 0;
        all[i++] = prefixBytes;
        if (withNode) {
            all[i++] = nodeBytes;
        }
        for (String a : args) {
            all[i++] = bytes(a);
        }
        try {
            return script.run(async(), type, new byte[0][], all);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.WARNING, "cluster: " + what + " failed", e);
        }
        return null;
    }

    private static String userOf(Connection c) {
        return c.channel() == Channel.WS ? c.userId() : "";
    }

    private static String nameOf(Connection c) {
        return c.channel() == Channel.WS ? c.principal().username() : "";
    }

    private String redactedUrl() {
        return settings.redisUrl().orElse("").replaceAll("//[^@/]*@", "//***@");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(Object v) {
        return Scripts.string(v);
    }
}
