package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The single-node bus: delivery straight to this node's connections. */
@ApplicationScoped
public class InMemoryBus implements MessageBus {
    @Inject
    LocalDelivery local;

    @Override
    public int publish(Delivery delivery) {
        return local.deliver(delivery);
    }
}
