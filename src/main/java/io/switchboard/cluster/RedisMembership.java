package io.switchboard.cluster;

import io.switchboard.config.Settings;
import io.switchboard.session.Channel;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Membership across the cluster: this node's registry for its own connections, and the cluster's index in Redis
 * for who is first and last anywhere and for every count and list. A connection's close is sent after its open
 * (chained per connection), so the index never counts a connection that has gone. While Redis is away, answers fall
 * back to this node's own view.
 */
@ApplicationScoped
@Typed(RedisMembership.class)
public class RedisMembership implements Membership {
    private static final Logger LOG = Logger.getLogger(RedisMembership.class.getName());

    @Inject
    RedisEngine engine;
    @Inject
    SessionRegistry registry;
    @Inject
    jakarta.enterprise.event.Event<ClusterEvents.UsersBack> usersBack;

    @Inject
    Settings settings;

    /** The index update of each open connection, so that its close follows it. */
    private final Map<String, CompletionStage<Opened>> opened = new ConcurrentHashMap<>();

    /**
     * The per-user limit is checked in the same script that counts the connection (open.lua), so that connections
     * of one user opening on several nodes at once cannot all pass: the handshake's look at {@link #connectionsOf}
     * refuses early and cheaply, this refuses exactly. While Redis is away, this node's own count decides.
     */
    @Override
    public CompletionStage<Opened> open(Connection c) {
        synchronized (c) {
            Opened local = registry.add(c);
            if (registry.byId(c.id()) != c || local == Opened.OVER_LIMIT) {
                // closed before it opened, or over the limit on this node alone: never indexed
                return CompletableFuture.completedFuture(local);
            }
            CompletionStage<Opened> result = engine.opened(c, settings.maxConnectionsPerUser())
                    .exceptionally(failure -> {
                        LOG.log(Level.FINE, "cluster: indexing " + c + " failed", failure);
                        return local;
                    });
            opened.put(c.id(), result);
            // Indexed before the endpoint reads the client's first message: once a client has had an answer
            // (docs/protocol-ws.md: a ping round trip), other nodes reach it. One round trip, bounded.
            try {
                result.toCompletableFuture().get(RedisLink.COMMAND_TIMEOUT.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "cluster: indexing " + c + " is slow", e);
            }
            return result;
        }
    }

    @Override
    public CompletionStage<Boolean> close(Connection c) {
        synchronized (c) {
            boolean wasHere = registry.byId(c.id()) == c;
            boolean localLast = registry.remove(c);
            CompletionStage<Opened> open = opened.remove(c.id());
            if (!wasHere || open == null) {
                return CompletableFuture.completedFuture(false);
            }
            // One refused over the limit was never counted in the index: nothing to take back.
            return open.thenCompose(o -> o == Opened.OVER_LIMIT ? CompletableFuture.completedFuture(false)
                    : engine.closed(c)).exceptionally(failure -> {
                        LOG.log(Level.FINE, "cluster: unindexing " + c + " failed", failure);
                        return localLast;
                    });
        }
    }

    @Override
    public CompletionStage<Integer> connectionsOf(String userId) {
        return engine.sum(engine.userKey(userId)).exceptionally(failure -> registry.ofUser(userId).size());
    }

    @Override
    public CompletionStage<Integer> connections(Channel channel) {
        return engine.sum(engine.channelKey(channel))
                .exceptionally(failure -> registry.countByChannel().get(channel));
    }

    @Override
    public CompletionStage<List<SessionRegistry.OnlineUser>> onlineUsers() {
        return engine.onlinePage(0, Integer.MAX_VALUE).thenApply(RedisMembership::users)
                .exceptionally(failure -> registry.onlineUsers());
    }

    private static List<SessionRegistry.OnlineUser> users(List<Object> r) {
        List<SessionRegistry.OnlineUser> users = new ArrayList<>();
        for (int i = 1; i + 3 < r.size(); i += 4) {
            users.add(new SessionRegistry.OnlineUser(RedisEngine.string(r.get(i)), RedisEngine.string(r.get(i + 1)),
                    Instant.ofEpochMilli(Long.parseLong(RedisEngine.string(r.get(i + 2)))),
                    Integer.parseInt(RedisEngine.string(r.get(i + 3)))));
        }
        return users;
    }

    @Override
    public CompletionStage<List<Node>> nodes() {
        return engine.nodeList().thenApply(r -> {
            List<Node> nodes = new ArrayList<>();
            int width = 2 + Channel.values().length;
            for (int i = 0; i + width <= r.size(); i += width) {
                Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
                int j = i + 2;
                for (Channel ch : Channel.values()) {
                    counts.put(ch, Integer.parseInt(RedisEngine.string(r.get(j++))));
                }
                nodes.add(new Node(RedisEngine.string(r.get(i)), counts,
                        Instant.ofEpochMilli((long) Double.parseDouble(RedisEngine.string(r.get(i + 1))))));
            }
            return nodes;
        }).exceptionally(failure -> List.of(new Node(engine.nodeId(), registry.countByChannel(), Instant.now())));
    }

    /**
     * After Redis came back: every local connection is indexed again. The users the others were told had left (this
     * node was reaped) and who are first again cluster-wide are announced back.
     */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
        List<CompletableFuture<Connection>> firsts = new ArrayList<>();
        for (Connection c : registry.all()) {
            // Open already: counted whatever the limit says (Settings.OFF), never refused now.
            CompletionStage<Opened> first = engine.opened(c, Settings.OFF).exceptionally(failure -> Opened.ANOTHER);
            opened.put(c.id(), first);
            firsts.add(first.thenApply(o -> o == Opened.FIRST ? c : null).toCompletableFuture());
        }
        if (!event.reaped()) {
            return;
        }
        CompletableFuture.allOf(firsts.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<Connection> back = firsts.stream().map(CompletableFuture::join)
                    .filter(java.util.Objects::nonNull).toList();
            if (!back.isEmpty()) {
                engine.handOff(() -> usersBack.fire(new ClusterEvents.UsersBack(back)));
            }
        });
    }
}
