package io.switchboard.limits;

import io.switchboard.config.Settings;
import io.switchboard.session.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SWITCHBOARD_MAX_CONNECTIONS_PER_USER at the handshake: a user who holds the most {@code /ws} connections already,
 * anywhere in the hub, is refused with 429 before anything is built for the connection. This is the cheap early
 * refusal; the exact one is {@link Membership#open}, which checks and counts in one atomic step (concurrent
 * handshakes of one user may all pass here, and the ones over the limit are closed with 1008 "too many connections"
 * as they open).
 */
@ApplicationScoped
public class ConnectionsPerUser {
    private static final Logger LOG = Logger.getLogger(ConnectionsPerUser.class.getName());
    /** How long a handshake waits for the cluster's count before it lets the open decide. */
    private static final Duration ASK_LIMIT = Duration.ofSeconds(2);

    @Inject
    Settings settings;
    @Inject
    Membership membership;

    /** Whether the user may open one more {@code /ws} connection, as far as the count says now. */
    public boolean allowsAnother(String userId) {
        int max = settings.maxConnectionsPerUser();
        if (max == Settings.OFF) {
            return true;
        }
        try {
            return membership.connectionsOf(userId).toCompletableFuture()
                    .get(ASK_LIMIT.toMillis(), TimeUnit.MILLISECONDS) < max;
        } catch (Exception e) {
            // Unknown now: the open's atomic check still holds the limit.
            LOG.log(Level.FINE, "counting the connections of " + userId + " failed", e);
            return true;
        }
    }
}
