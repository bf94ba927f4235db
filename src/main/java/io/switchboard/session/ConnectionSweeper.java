package io.switchboard.session;

import io.switchboard.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic checks of every connection, in one pass: closes whose queued frames never drained are forced
 * ({@link Connection#close}), expired tokens close with 1008 "token expired" (with JWT_CLOCK_SKEW of leeway, as the
 * handshake allowed), and the keepalive pings silent clients and closes those that stopped answering
 * ({@link Connection#keepAlive}). One timer for all connections instead of timers per connection: a pass reads a
 * few fields of each, and the number of timers stays constant however many connect.
 *
 * <p>A pass runs every second, or every quarter of SWITCHBOARD_PING_INTERVAL when that is shorter, so a ping
 * leaves at most a quarter of an interval late.
 */
@ApplicationScoped
public class ConnectionSweeper {
    private static final Logger LOG = Logger.getLogger(ConnectionSweeper.class.getName());

    @Inject
    SessionRegistry registry;
    @Inject
    Scheduling scheduling;
    @Inject
    Settings settings;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long every = period(settings.pingInterval()).toMillis();
        scheduling.executor().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    private static Duration period(Duration pingInterval) {
        Duration second = Duration.ofSeconds(1);
        if (pingInterval.isZero()) {
            return second;
        }
        Duration quarter = pingInterval.dividedBy(4);
        return quarter.compareTo(second) < 0 ? quarter : second;
    }

    void sweep() {
        try {
            Instant cutoff = Instant.now().minus(settings.jwtClockSkew());
            long now = System.nanoTime();
            boolean keepalive = settings.pingsIdleConnections();
            long pingEvery = settings.pingInterval().toNanos();
            for (Connection c : registry.all()) {
                c.enforceCloseDeadline(now);
                if (c.expiresAt().map(exp -> exp.isBefore(cutoff)).orElse(false)) {
                    c.close(Closing.TOKEN_EXPIRED);
                } else if (keepalive) {
                    c.keepAlive(now, pingEvery);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection sweep failed; the next one runs as scheduled", e);
        }
    }
}
