package io.switchboard.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The container's managed scheduler as this application's own: the container's executor is shared by every
 * deployment and outlives ours, so what we scheduled on it must be cancelled when we stop — or a periodic job of
 * an undeployed WAR keeps running (and failing) for the life of the server. {@link #shutdown()} cancels our jobs
 * and refuses new ones; it never shuts the container's executor down (which it forbids anyway).
 */
final class TrackedScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ScheduledExecutorService delegate;
    private final Set<Future<?>> scheduled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sinceCleanup = new AtomicInteger();
    private volatile boolean stopped;

    TrackedScheduler(ScheduledExecutorService delegate) {
        this.delegate = delegate;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return track(delegate.schedule(command, delay, unit));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return track(delegate.schedule(callable, delay, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return track(delegate.scheduleAtFixedRate(command, initialDelay, period, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return track(delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit));
    }

    @Override
    public void execute(Runnable command) {
        if (stopped) {
            throw new RejectedExecutionException("the application has stopped");
        }
        delegate.execute(command);
    }

    private <F extends Future<?>> F track(F future) {
        scheduled.add(future);
        if (sinceCleanup.incrementAndGet() >= 256) {
            // one-shot jobs are done long before the application stops: do not keep them
            sinceCleanup.set(0);
            scheduled.removeIf(Future::isDone);
        }
        if (stopped) {
            future.cancel(false);
            scheduled.remove(future);
            throw new RejectedExecutionException("the application has stopped");
        }
        return future;
    }

    @Override
    public void shutdown() {
        stopped = true;
        for (Future<?> f : scheduled) {
            f.cancel(false);
        }
        scheduled.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return stopped;
    }

    @Override
    public boolean isTerminated() {
        return stopped;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return stopped;
    }
}
