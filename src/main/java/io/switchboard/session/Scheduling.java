package io.switchboard.session;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The timer the core's periodic jobs run on: the container's managed scheduler where there is one (the WAR), a
 * single daemon thread standalone. One thread for all periodic work keeps timers from growing with connections.
 * Whatever was scheduled is cancelled when the application stops (undeploy), also on the container's executor.
 */
@ApplicationScoped
public class Scheduling {
    private static final Logger LOG = Logger.getLogger(Scheduling.class.getName());
    private static final String MANAGED = "java:comp/DefaultManagedScheduledExecutorService";

    private ScheduledExecutorService executor;

    public synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            ScheduledExecutorService managed = lookupManaged();
            if (managed != null) {
                executor = new TrackedScheduler(managed);
            } else {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "switchboard-timer");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        return executor;
    }

    private static ScheduledExecutorService lookupManaged() {
        try {
            return (ScheduledExecutorService) new InitialContext().lookup(MANAGED);
        } catch (NamingException | RuntimeException | NoClassDefFoundError e) {
            LOG.fine("no managed scheduler (" + e + "), using our own timer thread");
            return null;
        }
    }

    /** Periodic jobs stop before the beans they use are destroyed. */
    void beforeStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
