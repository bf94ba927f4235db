package io.switchboard.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Orderly stop: refuse new connections, let every frame already accepted go out (up to a grace period), then
 * close everyone with 1001, then tell the core ({@link Closed}, observers ordered by {@code @Priority}: hubs
 * finish their bookkeeping, then the store writes what it buffered). Runs once, whether the standalone launcher
 * or the container's undeploy asks first.
 */
@ApplicationScoped
public class Shutdown {
    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());

    @Inject
    SessionRegistry registry;
    @Inject
    Event<Closed> closed;

    private boolean done;

    /** Fired once every connection has been closed by an orderly shutdown. */
    public record Closed() {
    }

    public synchronized void closeAll(Duration grace) {
        if (done) {
            return;
        }
        done = true;
        registry.stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && pendingBytes() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int open = registry.count();
        for (Connection c : registry.all()) {
            c.close(Closing.SHUTTING_DOWN);
        }
        LOG.info("closed " + open + " connections with 1001; " + pendingBytes() + " bytes were still unsent");
        closed.fire(new Closed());
    }

    private long pendingBytes() {
        long n = 0;
        for (Connection c : registry.all()) {
            n += c.pendingBytes();
        }
        return n;
    }

    void onUndeploy(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        closeAll(Duration.ofSeconds(5));
    }
}
