package io.switchboard.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket on a clock of its own (nanoseconds given), so nothing here depends on how fast the machine is. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 123_456_789L;

    private static int takes(TokenBucket b, long now, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (b.tryTake(now)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFullBucketGivesItsBurstAtOnceAndNothingMore() {
        TokenBucket b = new TokenBucket(100, 200, T0);
        assertEquals(200, takes(b, T0, 500));
        assertFalse(b.tryTake(T0));
    }

    @Test
    void tokensComeBackAtTheRate() {
        TokenBucket b = new TokenBucket(100, 200, T0);
        takes(b, T0, 200);
        assertEquals(0, takes(b, T0 + SECOND / 100 - 1, 10));
        assertEquals(1, takes(b, T0 + SECOND / 100, 10));
        assertEquals(100, takes(b, T0 + SECOND + SECOND / 100, 1000), "a second brings back a second's worth");
    }

    @Test
    void refusedTakesCostNothing() {
        TokenBucket b = new TokenBucket(10, 10, T0);
        takes(b, T0, 10);
        takes(b, T0, 1000);
        assertTrue(b.tryTake(T0 + SECOND / 10), "refusals must not push the next token further away");
    }

    @Test
    void anIdleBucketIsFullAgainAfterItsBurstWorthOfTime() {
        TokenBucket b = new TokenBucket(50, 50, T0);
        takes(b, T0, 50);
        assertFalse(b.isFull(T0 + SECOND - 1));
        assertTrue(b.isFull(T0 + SECOND));
        assertEquals(50, takes(b, T0 + 5 * SECOND, 100), "idle time beyond full is not saved up");
    }
}
