package io.switchboard.limits;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the limits of SPEC §13 refused on this node, for {@code /ws/stats} ({@code limits}): messages dropped over
 * SWITCHBOARD_RATE_LIMIT, connections refused over SWITCHBOARD_MAX_CONNECTIONS_PER_USER (at the handshake or at
 * open), handshakes refused over SWITCHBOARD_HANDSHAKE_RATE.
 */
@ApplicationScoped
public class LimitCounts {
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder handshakesRefused = new LongAdder();

    public void rateLimited() {
        rateLimited.increment();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void handshakeRefused() {
        handshakesRefused.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(rateLimited.sum(), connectionsRefused.sum(), handshakesRefused.sum());
    }

    /** The counts as {@code /ws/stats} shows them. */
    public record Snapshot(long rateLimited, long connectionsRefused, long handshakesRefused) {
    }
}
