package io.switchboard.cluster;

import io.switchboard.routing.Address;
import io.switchboard.routing.AddressTable;
import io.switchboard.routing.Claim;
import io.switchboard.routing.Delivery;
import io.switchboard.routing.LocalDelivery;
import io.switchboard.routing.MessageBus;
import io.switchboard.routing.NodeCommand;
import io.switchboard.routing.Published;
import io.switchboard.routing.Target;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.ConnectionIds;
import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster bus: a delivery is queued to this node's receivers at once, as on one node, and published through
 * Redis to the other nodes that hold receivers — found in the cluster's index in the same script that publishes,
 * so that "nobody online" is decided for the whole cluster in one round trip. Claims on addresses are kept in
 * Redis too, and mirrored locally so that a delivery to a local holder never leaves the node.
 *
 * <p>While Redis is away the node goes on serving its own connections: publishes complete with the local count,
 * claims are granted locally (docs/cluster.md, "Redis trouble").
 */
@ApplicationScoped
@Typed(RedisBus.class)
public class RedisBus implements MessageBus {
    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());

    @Inject
    RedisEngine engine;
    @Inject
    LocalDelivery local;
    @Inject
    AddressTable addresses;
    @Inject
    SessionRegistry registry;

    /** How long an order waits for the other nodes' replies. */
    static final java.time.Duration ORDER_TIMEOUT = java.time.Duration.ofSeconds(1);

    @Inject
    NodeCommand.Handler orders;
    @Inject
    io.switchboard.auth.AccessList accessList;

    private final LongAdder failures = new LongAdder();
    private final Map<String, Gathering> gatherings = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public CompletionStage<Published> publish(Delivery d) {
        Target t = d.target();
        if (t instanceof Target.Connection one) {
            String node = ConnectionIds.nodeOf(one.connectionId());
            if (node.equals(engine.nodeId())) {
                return completed(local.deliver(d));
            }
            return remote(() -> engine.publishToNode(node, payload(d)).thenApply(listening -> listening ? 1L : 0L), 0);
        }
        if (t instanceof Target.Claimed c) {
            if (addresses.holds(c.address())) {
                return completed(local.deliver(d));
            }
            return remote(() -> engine.publishClaimed(c.address(), payload(d))
                    .thenApply(r -> r < 0 ? (long) local.deliver(d) : r), 0);
        }
        int here = local.deliver(d);
        String index;
        boolean viaAll = false;
        if (t instanceof Target.User u) {
            index = engine.userKey(u.userId());
        } else if (t instanceof Target.Room r) {
            index = engine.roomKey(r.roomId());
        } else {
            index = engine.channelKey(((Target.Everyone) t).channel());
            viaAll = true;
        }
        boolean all = viaAll;
        return remote(() -> engine.publishIndexed(index, payload(d), all), here);
    }

    /** The local count plus what the other nodes hold; the local count alone when Redis cannot be asked. */
    private CompletionStage<Published> remote(java.util.function.Supplier<CompletionStage<Long>> ask, int here) {
        CompletionStage<Long> others;
        try {
            others = ask.get();
        } catch (RuntimeException e) {
            failed("publish", e);
            return completed(here);
        }
        return others.handle((n, failure) -> {
            if (failure != null) {
                failed("publish", failure);
                return Published.of(here);
            }
            return Published.of(here + n.intValue());
        });
    }

    @Override
    public Claim claim(Address address, Connection claimant, Claim.Policy policy) {
        try {
            List<Object> r = engine.claim(address, claimant.id(), policy.name()).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            boolean granted = ((Long) r.get(0)) == 1L;
            String previous = RedisEngine.string(r.get(1));
            if (!granted) {
                return new Claim(false, Optional.of(previous));
            }
            addresses.claim(address, claimant, Claim.Policy.TAKE_OVER);
            return new Claim(true, previous.isEmpty() ? Optional.empty() : Optional.of(previous));
        } catch (Exception e) {
            failed("claim " + address.name(), e);
            return addresses.claim(address, claimant, policy);
        }
    }

    @Override
    public boolean release(Address address, Connection holder) {
        boolean here = addresses.release(address, holder);
        if (here) {
            engine.release(address, holder.id()).exceptionally(failure -> {
                failed("release " + address.name(), failure);
                return false;
            });
        }
        return here;
    }

    @Override
    public boolean isClaimed(Address address) {
        if (addresses.holds(address)) {
            return true;
        }
        try {
            return engine.holder(address).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) != null;
        } catch (Exception e) {
            failed("looking up " + address.name(), e);
            return false;
        }
    }

    @Override
    public void close(String connectionId, Closing why) {
        Connection c = registry.byId(connectionId);
        if (c != null) {
            c.close(why);
            return;
        }
        String node = ConnectionIds.nodeOf(connectionId);
        engine.publishToNode(node, BusCodec.close(engine.nodeId(), connectionId, why)).exceptionally(failure -> {
            failed("closing " + connectionId, failure);
            return false;
        });
    }

    /**
     * Here first, then on every other node through the cluster-wide channel: PUBLISH answers how many nodes listen,
     * which is how many replies to wait for (at most {@link #ORDER_TIMEOUT}). Revocations and blocks are also kept
     * in Redis ({@code P:revoked}, {@code P:blocked}), so that a node that starts later refuses them too.
     */
    @Override
    public CompletionStage<Integer> everyNode(NodeCommand command) {
        int here = orders.apply(command);
        String requestId = UUID.randomUUID().toString();
        Gathering g = new Gathering();
        gatherings.put(requestId, g);
        try {
            keep(command);
            engine.publishToAll(BusCodec.command(engine.nodeId(), requestId, command)).whenComplete((listeners, f) ->
                    g.expect(f == null ? listeners.intValue() - 1 : 0));
        } catch (RuntimeException e) {
            failed("sending an order to the other nodes", e);
            g.expect(0);
        }
        return g.result.completeOnTimeout(g.sum.get(), ORDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(remote -> {
                    gatherings.remove(requestId);
                    return here + g.sum.get();
                });
    }

    void replied(@Observes ClusterEvents.CommandReply reply) {
        Gathering g = gatherings.get(reply.requestId());
        if (g != null) {
            g.add(reply.closed());
        }
    }

    /** The replies to one order. */
    private static final class Gathering {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        final AtomicInteger sum = new AtomicInteger();
        final AtomicInteger replies = new AtomicInteger();
        volatile int expected = Integer.MAX_VALUE;

        void add(int closed) {
            sum.addAndGet(closed);
            replies.incrementAndGet();
            check();
        }

        void expect(int n) {
            expected = n;
            check();
        }

        private void check() {
            if (replies.get() >= expected) {
                result.complete(sum.get());
            }
        }
    }

    private void keep(NodeCommand command) {
        var redis = engine.async();
        if (command instanceof NodeCommand.Revoke r) {
            redis.sadd(engine.key("revoked"), RedisEngine.bytes(r.tokenId()));
        } else if (command instanceof NodeCommand.Block b) {
            redis.sadd(engine.key("blocked"), RedisEngine.bytes(b.userId()));
        } else if (command instanceof NodeCommand.Unblock u) {
            redis.srem(engine.key("blocked"), RedisEngine.bytes(u.userId()));
        }
    }

    /** The cluster's revocations and blocks, at start: a node that joins refuses what the others refuse. */
    void loadAccessList() {
        try {
            engine.async().smembers(engine.key("revoked")).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach(jti -> accessList.revoke(RedisEngine.string(jti)));
            engine.async().smembers(engine.key("blocked")).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach(user -> accessList.block(RedisEngine.string(user)));
        } catch (Exception e) {
            failed("loading revocations and blocks", e);
        }
    }

    @Override
    public String state() {
        return engine.isUp() ? "up" : "down";
    }

    /**
     * After Redis came back: this node's claims are written again (one another node took meanwhile loses here), and
     * so are the revocations and blocks it knows (Redis may have restarted empty).
     */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
        accessList.revoked().forEach(jti -> engine.async().sadd(engine.key("revoked"), RedisEngine.bytes(jti)));
        accessList.blocked().forEach(u -> engine.async().sadd(engine.key("blocked"), RedisEngine.bytes(u)));
        for (Map.Entry<String, Connection> e : addresses.entries()) {
            Address a = new Address(e.getKey());
            Connection holder = e.getValue();
            engine.claim(a, holder.id(), Claim.Policy.EXCLUSIVE.name()).thenAccept(r -> {
                if (((Long) r.get(0)) == 0L) {
                    addresses.release(a, holder);
                    holder.close(Closing.REPLACED);
                }
            });
        }
    }

    private byte[] payload(Delivery d) {
        return BusCodec.delivery(engine.nodeId(), d);
    }

    private void failed(String what, Throwable failure) {
        failures.increment();
        LOG.log(Level.FINE, "cluster bus: " + what + " failed", failure);
    }

    private static CompletionStage<Published> completed(int n) {
        return CompletableFuture.completedFuture(Published.of(n));
    }
}
