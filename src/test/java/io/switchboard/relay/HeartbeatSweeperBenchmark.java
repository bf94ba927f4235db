package io.switchboard.relay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timing harness for the relay heartbeat sweeper (docs/performance.md, "relay heartbeat sweeper"). Not a test: run
 * by hand, the figures depend on the machine.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) io.switchboard.relay.HeartbeatSweeperBenchmark
 * </pre>
 *
 * It measures, for 10k to 1M tracked connections: a sign of life ({@link LivenessTable.Tracked#touch}), a sweep
 * that finds nobody silent (the steady state, once per second with the default timeout), a sweep that finds
 * everyone silent, and the retained heap per entry. For comparison it does the same with one scheduled task per
 * connection, re-armed on every sign of life (cancel + schedule), the design the sweeper replaces.
 */
public final class HeartbeatSweeperBenchmark {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    private static final class Entry extends LivenessTable.Tracked {
        Entry(long now) {
            super(now);
        }
    }

    private HeartbeatSweeperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        System.out.printf("java %s, %d cpus; medians%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 2; round++) {
            // Round 0 warms the JIT up; round 1 is reported.
            for (int n : sizes) {
                measureSweeper(n, round == 1);
            }
        }
        for (int round = 0; round < 2; round++) {
            for (int n : sizes) {
                if (n <= 100_000 || round == 1) {
                    measureTimerPerConnection(n, round == 1);
                }
            }
        }
    }

    private static void measureSweeper(int n, boolean report) {
        long heapBefore = usedHeap();
        LivenessTable<Entry> table = new LivenessTable<>();
        List<Entry> entries = new ArrayList<>(n);
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Entry e = new Entry(now);
            entries.add(e);
            table.track("relay-" + i, e);
        }
        long perEntry = (usedHeap() - heapBefore) / n;

        // A sign of life: one volatile write, whoever the connection.
        long[] touch = new long[9];
        for (int r = 0; r < touch.length; r++) {
            long t0 = System.nanoTime();
            for (Entry e : entries) {
                e.touch(t0);
            }
            touch[r] = (System.nanoTime() - t0) / n;
        }

        // Steady state: nobody is silent.
        long[] quiet = new long[21];
        int[] found = new int[1];
        for (int r = 0; r < quiet.length; r++) {
            long t0 = System.nanoTime();
            found[0] += table.sweep(t0, TIMEOUT, e -> { });
            quiet[r] = System.nanoTime() - t0;
        }
        if (found[0] != 0) {
            throw new IllegalStateException("nobody should have been silent");
        }

        // Everyone silent at once (a network partition): each is removed and handed over once.
        long t0 = System.nanoTime();
        int silent = table.sweep(t0 + TIMEOUT + 1, TIMEOUT, e -> found[0]++);
        long all = System.nanoTime() - t0;
        if (silent != n || found[0] != n || table.size() != 0) {
            throw new IllegalStateException("expected all " + n + " silent, got " + silent);
        }
        if (report) {
            System.out.printf("sweeper  n=%,9d  touch %3d ns  quiet sweep %8.2f ms (%5.1f ns/entry)  "
                            + "all-silent sweep %8.2f ms  heap ≈%d B/entry%n",
                    n, median(touch), median(quiet) / 1e6, (double) median(quiet) / n, all / 1e6, perEntry);
        }
    }

    /** The alternative: a timeout task per connection on a scheduled executor, re-armed on every sign of life. */
    private static void measureTimerPerConnection(int n, boolean report) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
        timer.setRemoveOnCancelPolicy(true);
        long heapBefore = usedHeap();
        @SuppressWarnings("unchecked")
        ScheduledFuture<?>[] tasks = new ScheduledFuture<?>[n];
        Runnable expire = () -> { };
        for (int i = 0; i < n; i++) {
            tasks[i] = timer.schedule(expire, TIMEOUT, TimeUnit.NANOSECONDS);
        }
        long perEntry = (usedHeap() - heapBefore) / n;
        long[] rearm = new long[5];
        for (int r = 0; r < rearm.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                tasks[i].cancel(false);
                tasks[i] = timer.schedule(expire, TIMEOUT, TimeUnit.NANOSECONDS);
            }
            rearm[r] = (System.nanoTime() - t0) / n;
        }
        timer.shutdownNow();
        if (report) {
            System.out.printf("per-conn n=%,9d  re-arm %4d ns (cancel + schedule)  heap ≈%d B/entry%n",
                    n, median(rearm), perEntry);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
