package io.switchboard.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's jobs on a shared executor stop with the application; the executor itself lives on. */
class TrackedSchedulerTest {
    private final ScheduledExecutorService shared = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopShared() {
        shared.shutdownNow();
    }

    @Test
    void stoppingCancelsOurPeriodicJobsButNotTheSharedExecutor() throws Exception {
        TrackedScheduler ours = new TrackedScheduler(shared);
        AtomicInteger runs = new AtomicInteger();
        ours.scheduleWithFixedDelay(runs::incrementAndGet, 0, 5, TimeUnit.MILLISECONDS);
        io.switchboard.testing.Eventually.await("the job runs", () -> runs.get() >= 3);

        ours.shutdownNow();
        // whatever run was in flight has finished once the shared executor has run one more task
        shared.submit(() -> { }).get(5, TimeUnit.SECONDS);
        int afterStop = runs.get();
        shared.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(afterStop, runs.get(), "the job kept running after the application stopped");

        assertTrue(ours.isShutdown());
        assertFalse(shared.isShutdown(), "the container's executor was shut down");
        assertEquals(42, shared.submit(() -> 42).get(5, TimeUnit.SECONDS));
    }

    @Test
    void afterStoppingNothingNewIsAccepted() {
        TrackedScheduler ours = new TrackedScheduler(shared);
        ours.shutdown();
        assertThrows(RejectedExecutionException.class, () -> ours.schedule(() -> { }, 1, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> ours.execute(() -> { }));
    }
}
