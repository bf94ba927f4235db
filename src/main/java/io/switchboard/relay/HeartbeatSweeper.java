package io.switchboard.relay;

import io.switchboard.config.Settings;
import io.switchboard.session.Scheduling;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one timer of all relay heartbeats (SPEC §6): a periodic sweep over the {@link RelayHub}'s liveness table
 * on the shared {@link Scheduling} executor, however many pairs are connected. It runs every quarter of
 * RELAY_HEARTBEAT_TIMEOUT (at most once a second, at least every 10 ms), so a silent peer is declared offline
 * between 1 and 1.25 timeouts after its last sign of life (at most 1 s late with the default of 30 s).
 */
@ApplicationScoped
public class HeartbeatSweeper {
    private static final Logger LOG = Logger.getLogger(HeartbeatSweeper.class.getName());

    @Inject
    RelayHub hub;
    @Inject
    Scheduling scheduling;
    @Inject
    Settings settings;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long every = interval(settings.relayHeartbeatTimeout()).toMillis();
        task = scheduling.executor().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    static Duration interval(Duration timeout) {
        long quarter = timeout.toMillis() / 4;
        return Duration.ofMillis(Math.max(10, Math.min(1000, quarter)));
    }

    void sweep() {
        try {
            int silent = hub.sweep(System.nanoTime());
            if (silent > 0) {
                LOG.info(silent + " relay connection(s) declared offline after " + settings.relayHeartbeatTimeout()
                        + " without a sign of life");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "relay heartbeat sweep failed; the next one runs as scheduled", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
