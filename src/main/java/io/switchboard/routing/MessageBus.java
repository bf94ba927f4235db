package io.switchboard.routing;

import io.switchboard.session.Closing;
import io.switchboard.session.Connection;

import java.util.concurrent.CompletionStage;

/**
 * Carries deliveries to the connections of their targets, and keeps the claims on addresses. The bus resolves
 * every {@link Target}: the in-memory bus on this node, a cluster bus across all nodes (so the outcome of a
 * publish is decided cluster-wide). Endpoints never see which one is in use; everything goes through the
 * {@link Router}.
 */
public interface MessageBus {

    /**
     * Queues the delivery's frame to every connection of its target, in the order of calls from one thread.
     * Completes with how many connections that was (possibly already on return: the in-memory bus).
     */
    CompletionStage<Published> publish(Delivery delivery);

    /**
     * Claims an address for an open connection. May wait for the cluster (one round trip); called on registration
     * (a device's identity, a relay {@code init}), never per message.
     */
    Claim claim(Address address, Connection claimant, Claim.Policy policy);

    /** Gives an address up. @return true when {@code holder} still held it (and now nobody does) */
    boolean release(Address address, Connection holder);

    /** Whether some open connection holds the address. */
    boolean isClaimed(Address address);

    /** Closes a connection wherever it is (a device replaced by its newer connection on another node). */
    void close(String connectionId, Closing why);

    /**
     * Carries out an administrator's order on this node and every other one; completes with the connections
     * closed in all (nodes that do not answer within a second are left out of the count).
     */
    CompletionStage<Integer> everyNode(NodeCommand command);

    /** {@code "up"}, or {@code "down"} while a cluster bus cannot reach the other nodes (SPEC §13 health). */
    default String state() {
        return "up";
    }
}
