package io.switchboard.cluster;

import io.switchboard.routing.Address;
import io.switchboard.routing.AddressTable;
import io.switchboard.routing.Claim;
import io.switchboard.routing.Delivery;
import io.switchboard.routing.LocalDelivery;
import io.switchboard.routing.MessageBus;
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

    private final LongAdder failures = new LongAdder();

    @Override
    public CompletionStage<Published> publish(Delivery d) {
        Target t = d.target();
        if (t instanceof Target.Connection one) {
            String node = ConnectionIds.nodeOf(one.connectionId());
            if (node.equals(engine.nodeId())) {
                return completed(local.deliver(d));
            }
            return remote(engine.publishToNode(node, payload(d)).thenApply(listening -> listening ? 1L : 0L), 0);
        }
        if (t instanceof Target.Claimed c) {
            if (addresses.holds(c.address())) {
                return completed(local.deliver(d));
            }
            return remote(engine.publishClaimed(c.address(), payload(d))
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
        return remote(engine.publishIndexed(index, payload(d), viaAll), here);
    }

    /** The local count plus what the other nodes hold; the local count alone when Redis cannot be asked. */
    private CompletionStage<Published> remote(CompletionStage<Long> others, int here) {
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

    @Override
    public String state() {
        return engine.isUp() ? "up" : "down";
    }

    /** After Redis came back: this node's claims are written again; one another node took meanwhile loses here. */
    void registerAgain(@Observes ClusterEvents.Reconnected event) {
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
