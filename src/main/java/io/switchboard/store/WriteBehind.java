package io.switchboard.store;

import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The write-behind buffer (docs/persistence.md): {@link #offer} never blocks and never touches the database; one
 * writer thread drains the buffer in batches. While the database is unreachable the batch in hand is retried
 * with backoff (100 ms doubling to 5 s) and new records wait behind it, up to {@code bound} records in all.
 * Past the bound new records are refused and counted as dropped; what was accepted stays and is written, in
 * order, when the database is back. A record the database refuses for its content (SQL states 22 and 23, checked
 * one by one) is logged and counted as rejected, so that one bad row cannot hold up everything behind it.
 */
final class WriteBehind {
    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());
    static final int MAX_BATCH = 500;
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long LOG_EVERY_MS = 30_000;

    /** The database side: what the writer thread calls. */
    interface Target {
        /** Once, before the first write, and again after each failure until it succeeds (migrate, load). */
        void prepare() throws Exception;

        void write(List<StoreRecord> batch) throws SQLException;

        /** Whether the database answers at all (tells a bad row from an outage). */
        boolean reachable();
    }

    private final Target target;
    private final int bound;
    private final LinkedBlockingQueue<StoreRecord> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Object wake = new Object();
    private volatile boolean ready;
    private volatile boolean up;
    private volatile boolean stopping;
    private volatile boolean hurry;
    private volatile String lastError;
    private volatile Instant downSince;
    private volatile long lastFailureLog;
    private volatile long lastDropLog;
    private Thread thread;

    WriteBehind(Target target, int bound) {
        this.target = target;
        this.bound = bound;
    }

    synchronized void start(ThreadFactory threads) {
        if (thread == null) {
            thread = threads.newThread(this::run);
            try {
                thread.setName("switchboard-store-writer");
                thread.setDaemon(true);
            } catch (RuntimeException e) {
                LOG.fine("the container's thread keeps its own name and daemon flag: " + e);
            }
            thread.start();
        }
    }

    /** Accepts a record for writing, or refuses it when the buffer holds {@code bound} records already. */
    boolean offer(StoreRecord record) {
        if (pending.incrementAndGet() > bound) {
            pending.decrementAndGet();
            dropped.increment();
            long now = System.currentTimeMillis();
            if (now - lastDropLog > 10_000) {
                lastDropLog = now;
                LOG.severe("store buffer full (" + bound + " records, SWITCHBOARD_STORE_BUFFER): records are being "
                        + "DROPPED, not stored (" + dropped.sum() + " so far); database: " + state()
                        + (lastError == null ? "" : ", last error: " + lastError));
            }
            return false;
        }
        queue.add(record);
        accepted.increment();
        return true;
    }

    /** Waits until the database has been prepared (migrated, state loaded), at most {@code limit}. */
    boolean awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ready && System.nanoTime() < deadline) {
            sleepQuietly(20);
        }
        return ready;
    }

    /** Waits until everything accepted so far is written, at most {@code limit}; retries at once. @return unwritten */
    int flush(Duration limit) {
        hurry = true;
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            wakeUp();
            while (pending.get() > 0 && System.nanoTime() < deadline && thread != null && thread.isAlive()) {
                sleepQuietly(10);
            }
            return pending.get();
        } finally {
            hurry = false;
        }
    }

    /** Flushes (at most {@code limit}) and stops the writer thread. @return records that could not be written */
    int stop(Duration limit) {
        int left = flush(limit);
        stopping = true;
        wakeUp();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        left = pending.get();
        if (left > 0) {
            LOG.severe(left + " accepted records could not be written before shutdown (database: " + state()
                    + (lastError == null ? "" : ", last error: " + lastError) + "); they are lost");
        }
        return left;
    }

    StoreStats.Buffer stats() {
        return new StoreStats.Buffer(state(), pending.get(), bound, accepted.sum(), written.sum(), dropped.sum(),
                rejected.sum(), failures.sum(), lastError);
    }

    String state() {
        return !ready && lastError == null ? "starting" : up ? "up" : "down";
    }

    boolean isReady() {
        return ready;
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        List<StoreRecord> batch = new ArrayList<>();
        while (true) {
            if (!ready) {
                try {
                    target.prepare();
                    ready = true;
                    wentUp();
                    backoff = MIN_BACKOFF_MS;
                } catch (Exception | LinkageError e) {
                    failed(e);
                    if (stopping) {
                        break;
                    }
                    backoff = pause(backoff);
                    continue;
                }
            }
            if (batch.isEmpty()) {
                StoreRecord first;
                try {
                    first = queue.poll(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (stopping) {
                        break;
                    }
                    continue;
                }
                if (first == null) {
                    if (stopping) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            }
            try {
                target.write(batch);
                done(batch.size());
                batch.clear();
                wentUp();
                backoff = MIN_BACKOFF_MS;
            } catch (SQLException | RuntimeException e) {
                if (isAboutContent(e) && target.reachable()) {
                    failures.increment();
                    if (writeOneByOne(batch)) {
                        continue;
                    }
                } else {
                    failed(e);
                }
                if (stopping) {
                    break;
                }
                backoff = pause(backoff);
            }
        }
    }

    /** A batch with a bad row: each record alone; the refused ones are logged and skipped. @return false on an outage */
    private boolean writeOneByOne(List<StoreRecord> batch) {
        Iterator<StoreRecord> it = batch.iterator();
        while (it.hasNext()) {
            StoreRecord r = it.next();
            try {
                target.write(List.of(r));
                done(1);
            } catch (SQLException | RuntimeException e) {
                if (!isAboutContent(e) || !target.reachable()) {
                    failed(e);
                    return false;
                }
                rejected.increment();
                pending.decrementAndGet();
                LOG.log(Level.SEVERE, "the database refused a record, which is skipped: " + summary(r), e);
            }
            it.remove();
        }
        return true;
    }

    private void done(int n) {
        written.add(n);
        pending.addAndGet(-n);
    }

    private void wentUp() {
        if (!up) {
            up = true;
            Instant since = downSince;
            downSince = null;
            if (since != null) {
                LOG.info("database is back after " + Duration.between(since, Instant.now()).toSeconds()
                        + " s; writing " + pending.get() + " buffered records");
            }
        }
    }

    private void failed(Throwable e) {
        failures.increment();
        lastError = describe(e);
        long now = System.currentTimeMillis();
        if (up || downSince == null) {
            up = false;
            downSince = Instant.now();
            lastFailureLog = now;
            LOG.warning("database unavailable, buffering records (" + pending.get() + " now, at most " + bound
                    + ") and retrying: " + lastError);
        } else if (now - lastFailureLog > LOG_EVERY_MS) {
            lastFailureLog = now;
            LOG.warning("database still unavailable since " + downSince + ": " + pending.get() + " records buffered, "
                    + failures.sum() + " failed attempts; " + lastError);
        }
    }

    private long pause(long backoff) {
        synchronized (wake) {
            try {
                wake.wait(hurry || stopping ? Math.min(backoff, 250) : backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Math.min(backoff * 2, MAX_BACKOFF_MS);
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Whether a failure is about reaching the database (the connection is then no good). */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure is about the data of a row (SQL states 22, 23) rather than about reaching the database. */
    static boolean isAboutContent(Throwable e) {
        if (isConnectionLoss(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLDataException || t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    String state = x.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A failure in one line: the exception's first line (drivers append the SQL text on the next ones) and, when it
     * says something else, the root cause's, which is where the reason is ("No space left on device" under H2's
     * "Writing to … failed").
     */
    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        Throwable root = deepest(e, 0);
        String reason = firstLine(root.getMessage());
        if (root != e && !reason.isEmpty() && !text.contains(reason)) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + reason + ")";
        }
        return text;
    }

    /** The end of the cause chain, following a batch failure's next exception where it has no cause. */
    private static Throwable deepest(Throwable e, int depth) {
        Throwable next = e.getCause();
        if (next == null && e instanceof SQLException s) {
            next = s.getNextException();
        }
        return next == null || next == e || depth > 20 ? e : deepest(next, depth + 1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.endsWith("; SQL statement:") ? line.substring(0, line.length() - 16) : line;
    }

    private static String summary(StoreRecord r) {
        String s = r.toString();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
