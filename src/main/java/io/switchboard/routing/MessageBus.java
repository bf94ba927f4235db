package io.switchboard.routing;

/**
 * Carries deliveries to the nodes that hold their receivers. The in-memory bus delivers on this node; a cluster
 * bus also forwards to the other nodes. Endpoints never see which one is in use.
 */
public interface MessageBus {

    /** @return connections reached on this node */
    int publish(Delivery delivery);
}
