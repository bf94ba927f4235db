package io.switchboard.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last sign of life of every tracked entry, and one sweep that finds the silent ones: the heartbeat timer of
 * all relay connections together. A message costs one volatile write ({@link Tracked#touch}); a sweep reads each
 * entry once. No timer per connection, no re-scheduling per message (docs/performance.md has the figures).
 *
 * <p>A plain class (no container types) so that the benchmark harness drives the same code with millions of
 * entries.
 */
public final class LivenessTable<T extends LivenessTable.Tracked> {
    private final Map<String, T> entries = new ConcurrentHashMap<>();

    /** Something with a last sign of life, in {@link System#nanoTime()} units. */
    public abstract static class Tracked {
        private volatile long lastSeenNanos;

        protected Tracked(long nowNanos) {
            this.lastSeenNanos = nowNanos;
        }

        public void touch(long nowNanos) {
            lastSeenNanos = nowNanos;
        }

        public long lastSeenNanos() {
            return lastSeenNanos;
        }
    }

    public void track(String key, T entry) {
        entries.put(key, entry);
    }

    /** @return the entry, or null when it was not tracked (any more) */
    public T forget(String key) {
        return entries.remove(key);
    }

    public T get(String key) {
        return entries.get(key);
    }

    public int size() {
        return entries.size();
    }

    /**
     * Removes every entry silent for longer than {@code timeoutNanos} and hands it to {@code silent}, once: an
     * entry removed meanwhile by {@link #forget} (a normal close) is not reported.
     *
     * @return how many were silent
     */
    public int sweep(long nowNanos, long timeoutNanos, Consumer<T> silent) {
        int n = 0;
        for (Map.Entry<String, T> e : entries.entrySet()) {
            T entry = e.getValue();
            if (nowNanos - entry.lastSeenNanos() > timeoutNanos && entries.remove(e.getKey(), entry)) {
                n++;
                silent.accept(entry);
            }
        }
        return n;
    }
}
