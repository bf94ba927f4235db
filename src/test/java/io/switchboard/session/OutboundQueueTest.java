package io.switchboard.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound bound in bytes, and presence shedding before it (SPEC §13 "Limits"). */
class OutboundQueueTest {
    private static final int BOUND = 10_000;

    private final StuckTransport transport = new StuckTransport();
    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicInteger shed = new AtomicInteger();
    private final OutboundQueue queue = new OutboundQueue(BOUND, transport, overflows::incrementAndGet,
            shed::incrementAndGet, () -> { });

    /** A text frame of exactly {@code bytes} bytes on the wire. */
    private static Frame frameOf(int bytes) {
        Frame f = Frame.text("x".repeat(bytes - (bytes - 2 < 126 ? 2 : 4)));
        assertEquals(bytes, f.size());
        return f;
    }

    @Test
    void bytesUpToTheBoundAreTakenAndTheFirstByteBeyondOverflowsOnce() {
        for (int i = 0; i < 10; i++) {
            assertTrue(queue.offer(frameOf(1_000)), "frame " + i);
        }
        assertEquals(BOUND, queue.pendingBytes());
        assertFalse(queue.offer(frameOf(100)));
        assertEquals(1, overflows.get());
        // From the overflow on the queue takes nothing, however small, and does not report it again.
        assertFalse(queue.offer(frameOf(3)));
        assertEquals(1, overflows.get());
        assertEquals(BOUND, queue.pendingBytes());
    }

    @Test
    void writtenBytesNoLongerCount() {
        for (int i = 0; i < 10; i++) {
            queue.offer(frameOf(1_000));
        }
        transport.complete(true);
        assertEquals(BOUND - 1_000, queue.pendingBytes());
        assertTrue(queue.offer(frameOf(1_000)));
        assertEquals(0, overflows.get());
    }

    @Test
    void anEmptyQueueTakesAFrameLargerThanTheBound() {
        assertTrue(queue.offer(frameOf(3 * BOUND)));
        assertEquals(0, overflows.get());
        assertFalse(queue.offer(frameOf(10)));
        assertEquals(1, overflows.get());
    }

    @Test
    void sheddableFramesAreDroppedAndCountedOncePastHalfTheBound() {
        Frame presence = frameOf(100).asSheddable();
        for (int i = 0; i < 5; i++) {
            queue.offer(frameOf(1_000));
        }
        assertTrue(queue.offer(presence), "at half the bound presence still goes out");
        assertFalse(queue.offer(presence), "past half the bound it is shed");
        assertFalse(queue.offer(presence));
        assertEquals(2, shed.get());
        assertEquals(0, overflows.get(), "shedding never closes");
        assertTrue(queue.offer(frameOf(1_000)), "messages still queue up to the bound");
    }
}
