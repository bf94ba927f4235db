package io.switchboard.limits;

/**
 * A token bucket of {@code burst} tokens refilled at {@code perSecond}, kept as one number: the time at which the
 * bucket would be full again (the "theoretical arrival time" of GCRA, which behaves exactly like a token bucket).
 * A take that finds no token takes nothing, so a client over its limit is admitted again as soon as tokens come
 * back. Cheap enough for every message of every connection: a few arithmetic operations under an uncontended lock.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The time one token takes to come back. */
    private final long interval;
    /** How far ahead of now the full-again time may be and a token still be there: {@code (burst - 1) * interval}. */
    private final long tolerance;
    /** When the bucket is full again ({@link System#nanoTime()} units); before now means full. */
    private long fullAt;

    /**
     * @param perSecond tokens per second, at least 1
     * @param burst     the bucket's size, at least 1
     */
    public TokenBucket(int perSecond, int burst, long nowNanos) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a rate and a size of at least 1: " + perSecond + ", "
                    + burst);
        }
        this.interval = NANOS_PER_SECOND / perSecond;
        this.tolerance = (burst - 1) * interval;
        this.fullAt = nowNanos;
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        long base = Math.max(fullAt, nowNanos);
        if (base - nowNanos > tolerance) {
            return false;
        }
        fullAt = base + interval;
        return true;
    }

    /** Whether the bucket is full: forgetting it changes nothing (an idle client's entry may be dropped). */
    public synchronized boolean isFull(long nowNanos) {
        return fullAt - nowNanos <= 0;
    }
}
