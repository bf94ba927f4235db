package io.switchboard.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the closes that a delivery causes (a receiver over its outbound bound, a write that failed) after that
 * delivery, on the application's timer thread. A close runs the endpoint's close handler, which tells others
 * ({@code user_left}, a relay partner's {@code disconnect}) — a delivery of its own that may overflow the next
 * receiver. Run inside the delivery, a crowd of slow consumers turned that into one ever deeper stack (close →
 * user_left → overflow → close → …) that ended in a StackOverflowError half-way through a close, leaving users
 * "online" for good. Here every such close starts from an empty stack, one after the other.
 *
 * <p>One drain task at a time: a burst of closes is one task on the executor, not one each.
 */
@ApplicationScoped
public class Closer implements Executor {
    private static final Logger LOG = Logger.getLogger(Closer.class.getName());

    @Inject
    Scheduling scheduling;

    private final Queue<Runnable> closes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Queues a close; returns at once. */
    @Override
    public void execute(Runnable close) {
        closes.add(close);
        if (draining.compareAndSet(false, true)) {
            try {
                scheduling.executor().execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The application is stopping and its timer with it: nothing is delivered any more, so closing
                // right here cannot start a chain.
                drain();
            }
        }
    }

    private void drain() {
        do {
            Runnable close;
            while ((close = closes.poll()) != null) {
                try {
                    close.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a close failed; the next one runs anyway", e);
                }
            }
            draining.set(false);
            // A close queued after the last poll but before the flag dropped found it set: drain it too.
        } while (!closes.isEmpty() && draining.compareAndSet(false, true));
    }
}
