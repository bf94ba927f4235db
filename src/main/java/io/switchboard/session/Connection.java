package io.switchboard.session;

import io.switchboard.auth.Principal;
import io.switchboard.limits.TokenBucket;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open WebSocket connection as the core sees it: who it is, which endpoint, its outbound queue and its
 * error budget. Endpoints create it on open; everything else reaches it through the {@link SessionRegistry}.
 */
public final class Connection {
    static final int MAX_ERRORS = 20;
    static final long ERROR_WINDOW_MILLIS = 10_000;

    private final String id;
    private final Channel channel;
    private final Principal principal;
    private final Transport transport;
    private final Instant connectedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private final OutboundQueue outbound;
    private final ErrorBudget errors = new ErrorBudget(MAX_ERRORS, ERROR_WINDOW_MILLIS);
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** How long a close waits for the frames queued before it. */
    static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);
    private volatile long closeRequestedAt;
    private final ConnectionEvents events;
    private final Executor closer;
    private volatile Instant expiresAt;
    /** The last message or pong from the client, in {@link System#nanoTime()} units (keepalive). */
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos;

    /** SWITCHBOARD_RATE_LIMIT's bucket for this connection's messages; null when the limit is off. */
    private final TokenBucket messageRate;

    /** @param messageRate the bucket this connection's messages take from, or null for no limit */
    Connection(String id, Channel channel, Principal principal, Transport transport, long queueBytes,
               TokenBucket messageRate, ConnectionEvents events, Executor closer) {
        this.id = id;
        this.messageRate = messageRate;
        this.channel = channel;
        this.principal = principal;
        this.transport = transport;
        this.events = events;
        this.closer = closer;
        this.expiresAt = principal.expiresAt().orElse(null);
        this.outbound = new OutboundQueue(queueBytes, transport, () -> closeAfterDelivery(Closing.SLOW_CONSUMER),
                events::shed, () -> closeAfterDelivery(Closing.SEND_FAILED));
    }

    public String id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public Principal principal() {
        return principal;
    }

    /** The user id ({@code sub}) for users; empty for anonymous devices. */
    public String userId() {
        return principal.subject();
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public String remoteAddress() {
        return transport.remoteAddress();
    }

    /**
     * Queues a frame; never blocks. False when it was not accepted: closing, over the queue's byte bound, or a
     * {@link Frame#isSheddable sheddable} frame for a connection that has much queued already.
     */
    public boolean send(Frame frame) {
        boolean accepted = outbound.offer(frame);
        if (accepted) {
            events.delivered();
        }
        return accepted;
    }

    /**
     * Whether a message that arrived now is within SWITCHBOARD_RATE_LIMIT; takes its token when it is. A message
     * over the limit is dropped, answered with the endpoint's {@code rate_limited} error (FrontDoor).
     */
    public boolean withinRate(long nowNanos) {
        return messageRate == null || messageRate.tryTake(nowNanos);
    }

    /** A message or a pong arrived: the client is alive. */
    public void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    /**
     * The keepalive, run by a sweep: a client silent for {@code interval} gets a WebSocket ping (at most one per
     * interval, and none while frames are still queued: those show soon enough whether the peer is there); one
     * silent for twice that, a pong included, is gone without saying so (its network dropped, or its container
     * missed the end of the connection) and is closed at once with 4408.
     */
    void keepAlive(long nowNanos, long intervalNanos) {
        long silent = nowNanos - lastHeardNanos;
        if (silent < intervalNanos || closing.get()) {
            return;
        }
        if (silent >= 2 * intervalNanos) {
            close(Closing.PING_TIMEOUT);
        } else if (nowNanos - lastPingNanos >= intervalNanos && outbound.pendingBytes() == 0) {
            lastPingNanos = nowNanos;
            outbound.offer(Frame.PING);
        }
    }

    /** Bytes queued and not yet written. */
    public long pendingBytes() {
        return outbound.pendingBytes();
    }

    /** Counts an error sent to this client; closes the connection when it keeps misbehaving. */
    public void countError() {
        if (errors.record(System.currentTimeMillis())) {
            close(Closing.TOO_MANY_ERRORS);
        }
    }

    /**
     * Closes the connection. Frames queued before the close still go out first (an error frame and then the
     * close that it explains arrive in that order), except for a slow consumer, a broken connection or one that no
     * longer answers pings, which are closed at once. A client that does not read what is left is closed anyway
     * after {@link #CLOSE_GRACE}.
     */
    public void close(Closing closing) {
        if (this.closing.compareAndSet(false, true)) {
            events.closing(this, closing);
            if (closesAtOnce(closing)) {
                outbound.close();
                transport.close(closing);
            } else {
                closeRequestedAt = System.nanoTime();
                outbound.closeWhenDrained(() -> transport.close(closing));
            }
        }
    }

    /**
     * A close that a delivery caused: this receiver is over its outbound bound, or a write to it failed. Its queue
     * already refuses every frame; the close itself (and the close handlers it runs, which deliver again) happens on
     * the {@link Closer}, never inside the delivery that noticed it.
     */
    private void closeAfterDelivery(Closing why) {
        if (this.closing.compareAndSet(false, true)) {
            events.closing(this, why);
            outbound.close();
            closer.execute(() -> transport.close(why));
        }
    }

    private static boolean closesAtOnce(Closing closing) {
        return closing == Closing.SLOW_CONSUMER || closing == Closing.SEND_FAILED || closing == Closing.PING_TIMEOUT;
    }

    /** Forces a close asked for more than {@link #CLOSE_GRACE} ago whose frames never drained (run by a sweep). */
    public void enforceCloseDeadline(long nowNanos) {
        long asked = closeRequestedAt;
        if (asked != 0 && nowNanos - asked > CLOSE_GRACE.toNanos()) {
            closeRequestedAt = 0;
            outbound.close();
            transport.close(Closing.SLOW_CONSUMER);
        }
    }

    public boolean isClosing() {
        return closing.get() || !transport.isOpen();
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** A refreshed token moves the expiry (SPEC §12 in-band refresh). */
    public void extendUntil(Instant newExpiry) {
        this.expiresAt = newExpiry;
    }

    /** Rooms this connection is in ({@code /ws} membership is per connection). */
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public String toString() {
        return channel.label() + ":" + id + (principal.isAnonymous() ? "" : "(" + principal.subject() + ")");
    }
}
