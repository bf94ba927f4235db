package io.switchboard.session;

import io.switchboard.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes connections whose token has expired (1008 "token expired"), and enforces the deadline of closes that
 * wait for their queued frames ({@link Connection#close}). One pass a second over all connections instead of a
 * timer per connection: cheap (a field read each) and constant in timers however many connect. The leeway is
 * JWT_CLOCK_SKEW, the same the handshake allowed.
 */
@ApplicationScoped
public class ExpirySweeper {
    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());

    @Inject
    SessionRegistry registry;
    @Inject
    Scheduling scheduling;
    @Inject
    Settings settings;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        scheduling.executor().scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            Instant cutoff = Instant.now().minus(settings.jwtClockSkew());
            long now = System.nanoTime();
            for (Connection c : registry.all()) {
                c.enforceCloseDeadline(now);
                if (c.expiresAt().map(exp -> exp.isBefore(cutoff)).orElse(false)) {
                    c.close(Closing.TOKEN_EXPIRED);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry sweep failed; next one in a second", e);
        }
    }
}
