package io.switchboard.routing;

import io.switchboard.session.Channel;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/**
 * The one routing path (SPEC §11): every delivery — user, room, broadcast, device, relay partner, admin send, and
 * the replies to a sender — goes through here onto the {@link MessageBus}, which resolves the target. The outcome
 * says how many connections were reached, wherever they are.
 */
@ApplicationScoped
public class Router {
    @Inject
    MessageBus bus;

    public CompletionStage<Published> toUser(String userId, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.User(userId, exceptConnection), frame));
    }

    public CompletionStage<Published> toRoom(String roomId, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.Room(roomId, exceptConnection), frame));
    }

    public CompletionStage<Published> toEveryone(Channel channel, Frame frame, String exceptConnection) {
        return bus.publish(new Delivery(new Target.Everyone(channel, exceptConnection), frame));
    }

    public CompletionStage<Published> toConnection(String connectionId, Frame frame) {
        return bus.publish(new Delivery(new Target.Connection(connectionId), frame));
    }

    /** To whoever holds the address (a device, a relay slot); nobody when it is not claimed. */
    public CompletionStage<Published> toAddress(Address address, Frame frame) {
        return bus.publish(new Delivery(new Target.Claimed(address), frame));
    }

    /** An answer to the connection a message came from (acknowledgements, errors, pongs). */
    public void reply(Connection to, Frame frame) {
        toConnection(to.id(), frame);
    }

    public Claim claim(Address address, Connection claimant, Claim.Policy policy) {
        return bus.claim(address, claimant, policy);
    }

    /** @return true when {@code holder} still held the address */
    public boolean release(Address address, Connection holder) {
        return bus.release(address, holder);
    }

    public boolean isClaimed(Address address) {
        return bus.isClaimed(address);
    }

    /** An administrator's order, carried out on every node; completes with the connections closed in all. */
    public CompletionStage<Integer> everyNode(NodeCommand command) {
        return bus.everyNode(command);
    }

    /** {@code "up"}, or {@code "down"} while a cluster bus cannot reach Redis. */
    public String busState() {
        return bus.state();
    }

    /** Closes a connection wherever it is. */
    public void close(String connectionId, Closing why) {
        bus.close(connectionId, why);
    }
}
