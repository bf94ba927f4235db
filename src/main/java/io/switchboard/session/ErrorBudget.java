package io.switchboard.session;

/**
 * Counts a connection's errors in a sliding window: more than {@code max} within {@code windowMillis} means the
 * client keeps misbehaving (SPEC §12: more than 20 errors in 10 s closes with 1008).
 */
final class ErrorBudget {
    private final int max;
    private final long windowMillis;
    /** Made at the first error: most connections never have one, and idle connections are counted in the 10,000s. */
    private long[] times;
    private int next;

    ErrorBudget(int max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    /** Records one error; true when this one exceeds the budget. */
    synchronized boolean record(long nowMillis) {
        if (times == null) {
            times = new long[max + 1];
        }
        times[next] = nowMillis;
        next = (next + 1) % times.length;
        long oldest = times[next];
        // The ring holds the last max+1 errors; if the oldest of them is recent, max+1 fell inside the window.
        return oldest != 0 && nowMillis - oldest < windowMillis;
    }
}
