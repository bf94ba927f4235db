package io.switchboard.routing;

import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The single-node bus: every target resolved on this node, every publish complete on return. */
@ApplicationScoped
@Typed(InMemoryBus.class)
public class InMemoryBus implements MessageBus {
    @Inject
    LocalDelivery local;
    @Inject
    AddressTable addresses;
    @Inject
    SessionRegistry registry;
    @Inject
    NodeCommand.Handler handler;

    @Override
    public CompletionStage<Published> publish(Delivery delivery) {
        return CompletableFuture.completedFuture(Published.of(local.deliver(delivery)));
    }

    @Override
    public Claim claim(Address address, Connection claimant, Claim.Policy policy) {
        return addresses.claim(address, claimant, policy);
    }

    @Override
    public boolean release(Address address, Connection holder) {
        return addresses.release(address, holder);
    }

    @Override
    public boolean isClaimed(Address address) {
        Connection holder = addresses.holder(address);
        return holder != null && !holder.isClosing();
    }

    @Override
    public CompletionStage<Integer> everyNode(NodeCommand command) {
        return CompletableFuture.completedFuture(handler.apply(command));
    }

    @Override
    public void close(String connectionId, Closing why) {
        Connection c = registry.byId(connectionId);
        if (c != null) {
            c.close(why);
        }
    }
}
