package io.switchboard.session;

import io.switchboard.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One node, no cluster: membership is this node's registry; everything completes on return. */
@ApplicationScoped
@Typed(InMemoryMembership.class)
public class InMemoryMembership implements Membership {
    @Inject
    SessionRegistry registry;
    @Inject
    Settings settings;

    @Override
    public CompletionStage<Opened> open(Connection c) {
        return CompletableFuture.completedFuture(registry.add(c));
    }

    @Override
    public CompletionStage<Integer> connectionsOf(String userId) {
        return CompletableFuture.completedFuture(registry.ofUser(userId).size());
    }

    @Override
    public CompletionStage<Boolean> close(Connection c) {
        return CompletableFuture.completedFuture(registry.remove(c));
    }

    @Override
    public CompletionStage<Integer> connections(Channel channel) {
        return CompletableFuture.completedFuture(registry.countByChannel().get(channel));
    }

    @Override
    public CompletionStage<List<SessionRegistry.OnlineUser>> onlineUsers() {
        return CompletableFuture.completedFuture(registry.onlineUsers());
    }

    @Override
    public CompletionStage<List<Node>> nodes() {
        return CompletableFuture.completedFuture(List.of(new Node(settings.nodeId(), registry.countByChannel(),
                Instant.now())));
    }
}
