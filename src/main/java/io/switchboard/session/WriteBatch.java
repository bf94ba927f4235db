package io.switchboard.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A scope in which sends are queued but not yet written: when it ends, every connection that got frames is
 * drained once, so a receiver that got several frames while the scope was open gets them in one write (Node's
 * writev of all queued frames, done the Java way). A container hook opens a scope around the processing of one
 * network read (standalone: a Grizzly filter), so that all messages read at once fan out with one write per
 * receiver. Without a scope, a send writes at once, as before. Scopes are per thread and nest.
 */
public final class WriteBatch {
    private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();
    private final List<OutboundQueue> dirty = new ArrayList<>();
    private int depth;

    private WriteBatch() {
    }

    /** Opens a scope on this thread (or enters the one already open). */
    public static void begin() {
        WriteBatch b = CURRENT.get();
        if (b == null) {
            b = new WriteBatch();
            CURRENT.set(b);
        }
        b.depth++;
    }

    /** Leaves the scope; the outermost end writes what was deferred. */
    public static void end() {
        WriteBatch b = CURRENT.get();
        if (b == null || --b.depth > 0) {
            return;
        }
        // Draining may send more (a completed write drains the next frames), never re-enter this list.
        for (int i = 0; i < b.dirty.size(); i++) {
            b.dirty.get(i).flushDeferred();
        }
        b.dirty.clear();
    }

    /** @return true when the queue's drain was deferred to the end of this thread's scope */
    static boolean defer(OutboundQueue q) {
        WriteBatch b = CURRENT.get();
        if (b == null || b.depth == 0) {
            return false;
        }
        if (q.markDeferred()) {
            b.dirty.add(q);
        }
        return true;
    }
}
