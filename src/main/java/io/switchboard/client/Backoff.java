package io.switchboard.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next reconnect: exponential with full jitter — a random time between zero and
 * {@code min(cap, base × 2^attempt)}. The randomness spreads the reconnects of many clients cut off at once (a
 * restarted node) instead of bringing them back in waves.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final DoubleSupplier random;

    private Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    public static Backoff exponential(Duration base, Duration cap) {
        return new Backoff(base, cap, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same, drawing from {@code random} (values in [0, 1)): for tests. */
    static Backoff exponential(Duration base, Duration cap, DoubleSupplier random) {
        return new Backoff(base, cap, random);
    }

    /** The ceiling of the wait before reconnect attempt {@code attempt} (0 for the first). */
    long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = baseMillis << shift;
        return ceiling <= 0 || ceiling > capMillis ? capMillis : ceiling;
    }

    /** The wait before reconnect attempt {@code attempt} (0 for the first after a loss). */
    public Duration delay(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * (ceilingMillis(attempt) + 1)));
    }
}
