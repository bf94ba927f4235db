package io.switchboard.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertEquals(100, b.ceilingMillis(0));
        assertEquals(200, b.ceilingMillis(1));
        assertEquals(800, b.ceilingMillis(3));
        assertEquals(1000, b.ceilingMillis(4));
        assertEquals(1000, b.ceilingMillis(1_000_000), "no overflow for a client that has tried for days");
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertEquals(0, Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0)
                .delay(3).toMillis());
        assertEquals(800, Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999)
                .delay(3).toMillis());
        Backoff real = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            long d = real.delay(2).toMillis();
            assertTrue(d >= 0 && d <= 400, "delay " + d);
        }
    }

    @Test
    void aBaseAboveTheCapIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
