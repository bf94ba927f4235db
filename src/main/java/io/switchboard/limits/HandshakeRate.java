package io.switchboard.limits;

import io.switchboard.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SWITCHBOARD_HANDSHAKE_RATE: WebSocket handshakes per second per client address, a token bucket of one second's
 * worth per address. The address is the TCP peer's (a proxy's {@code X-Forwarded-For} is not trusted: any client
 * could name any address in it).
 *
 * <p>Memory is bounded by the addresses seen recently: an address whose bucket has filled up again (idle for a
 * second) is forgotten, since a new bucket is the same thing. The forgetting is a sweep over the table, run by the
 * handshake that finds the last sweep a second old — no timer.
 */
@ApplicationScoped
public class HandshakeRate {
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    @Inject
    Settings settings;

    private final Map<String, TokenBucket> byAddress = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private int perSecond;

    @PostConstruct
    void init() {
        perSecond = settings.handshakeRate();
    }

    /** Whether a handshake from this address may go on now; counts it when it may. */
    public boolean allow(String address) {
        return allow(address, System.nanoTime());
    }

    boolean allow(String address, long now) {
        if (perSecond == Settings.OFF) {
            return true;
        }
        sweepIfDue(now);
        return byAddress.computeIfAbsent(address, a -> new TokenBucket(perSecond, perSecond, now)).tryTake(now);
    }

    /** Addresses tracked now (tests: the table does not grow without bound). */
    public int tracked() {
        return byAddress.size();
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        byAddress.values().removeIf(bucket -> bucket.isFull(now));
    }
}
