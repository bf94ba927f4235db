package io.switchboard.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's bounded outbound queue with one write in flight at a time. {@link #offer} never blocks the
 * caller: a sender hands the frame over and returns, whatever the receiver's network does. The bound is in bytes
 * ({@link Frame#size}, SWITCHBOARD_OUTBOUND_QUEUE_BYTES): a frame count says nothing about memory when a frame may
 * be 20 bytes or 64 KiB. A receiver whose unsent bytes would pass it is refused from then on and reported through
 * {@code onOverflow}; its owner closes it, outside the delivery that overflowed ({@link Closer}). A frame is always
 * taken into an empty queue, so a message larger than the bound still reaches a receiver that keeps up.
 *
 * <p>Before that, a receiver with more than half the bound queued goes without {@link Frame#isSheddable sheddable}
 * frames (presence events: who came and went matters less than the messages, and a crowd coming and going is what
 * fills a slow receiver's queue); each one dropped is reported through {@code onShed}.
 *
 * <p>A write carries one frame, or, when the transport can ({@link Transport#batchBytes}), every frame queued at
 * that moment up to the transport's byte limit: frames that pile up while a write is in flight, or within a
 * {@link WriteBatch} scope, leave in one write.
 *
 * <p>The drain loop is the usual "work in progress" counter: whoever raises it from 0 drains; anyone else only
 * bumps it, so a send that completes on the calling thread never recurses and nothing is left unsent.
 */
final class OutboundQueue {
    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    /** Bytes accepted and not yet written (the write in flight included). */
    private final AtomicLong pending = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean deferred = new AtomicBoolean();
    private final long limit;
    private final long shedAbove;
    private final int batchBytes;
    private final Transport transport;
    private final Runnable onOverflow;
    private final Runnable onShed;
    private final Runnable onSendFailure;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> whenDrained =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long inFlightBytes;
    private volatile boolean closed;

    OutboundQueue(long limitBytes, Transport transport, Runnable onOverflow, Runnable onShed,
                  Runnable onSendFailure) {
        this.limit = limitBytes;
        this.shedAbove = limitBytes / 2;
        this.transport = transport;
        this.batchBytes = transport.batchBytes();
        this.onOverflow = onOverflow;
        this.onShed = onShed;
        this.onSendFailure = onSendFailure;
    }

    /** @return false when the frame was not accepted (queue full, frame shed, or connection closed) */
    boolean offer(Frame frame) {
        if (closed) {
            return false;
        }
        if (frame.isSheddable() && pending.get() > shedAbove) {
            onShed.run();
            return false;
        }
        int size = frame.size();
        long queued = pending.addAndGet(size);
        if (queued > limit && queued != size) {
            pending.addAndGet(-size);
            // Refuse everything from now on, before the owner gets to closing it (on another thread).
            closed = true;
            onOverflow.run();
            return false;
        }
        frames.add(frame);
        if (batchBytes == 0 || !WriteBatch.defer(this)) {
            drain();
        }
        return true;
    }

    /** Bytes accepted but not yet written (including those in flight). */
    long pendingBytes() {
        return pending.get();
    }

    /** Stops accepting; what is queued still goes out until the transport closes. */
    void close() {
        closed = true;
    }

    /** Stops accepting, and runs {@code closer} once everything accepted before has been written (or failed). */
    void closeWhenDrained(Runnable closer) {
        closed = true;
        whenDrained.set(closer);
        if (pending.get() == 0) {
            runWhenDrained();
        }
    }

    private void runWhenDrained() {
        Runnable closer = whenDrained.getAndSet(null);
        if (closer != null) {
            closer.run();
        }
    }

    boolean markDeferred() {
        return deferred.compareAndSet(false, true);
    }

    void flushDeferred() {
        deferred.set(false);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!inFlight.get()) {
                Frame next = frames.poll();
                if (next != null) {
                    inFlight.set(true);
                    if (batchBytes == 0) {
                        inFlightBytes = next.size();
                        transport.send(next, this::sent);
                    } else {
                        sendBatch(next);
                    }
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void sendBatch(Frame first) {
        Frame more = frames.peek() == null ? null : frames.poll();
        if (more == null) {
            inFlightBytes = first.size();
            transport.send(first, this::sent);
            return;
        }
        List<Frame> batch = new ArrayList<>();
        batch.add(first);
        batch.add(more);
        long bytes = first.size() + more.size();
        Frame f;
        while (bytes < batchBytes && (f = frames.poll()) != null) {
            batch.add(f);
            bytes += f.size();
        }
        inFlightBytes = bytes;
        transport.sendAll(batch, this::sent);
    }

    private void sent(boolean ok) {
        long left = pending.addAndGet(-inFlightBytes);
        inFlight.set(false);
        if (!ok) {
            closed = true;
            frames.clear();
            pending.set(0);
            onSendFailure.run();
            runWhenDrained();
            return;
        }
        if (left == 0) {
            runWhenDrained();
        }
        drain();
    }
}
