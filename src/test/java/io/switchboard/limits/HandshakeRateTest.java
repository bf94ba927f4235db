package io.switchboard.limits;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-address buckets and the bound on their memory, on a clock of the test's own. */
class HandshakeRateTest {
    private static final long SECOND = 1_000_000_000L;

    private static HandshakeRate rate(String perSecond) {
        HandshakeRate r = new HandshakeRate();
        r.settings = Settings.load(ConfigSource.of(Map.of(Settings.HANDSHAKE_RATE, perSecond)));
        r.init();
        return r;
    }

    @Test
    void eachAddressHasItsOwnSecondsWorth() {
        HandshakeRate r = rate("3");
        long t = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertTrue(r.allow("10.0.0.1", t));
        }
        assertFalse(r.allow("10.0.0.1", t));
        assertTrue(r.allow("10.0.0.2", t), "another address is not affected");
        assertTrue(r.allow("10.0.0.1", t + SECOND / 3), "a token is back after a third of a second");
    }

    @Test
    void addressesIdleForASecondAreForgotten() {
        HandshakeRate r = rate("50");
        long t = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            r.allow("10.1." + (i / 256) + "." + (i % 256), t);
        }
        assertEquals(10_000, r.tracked());
        r.allow("10.9.9.9", t + 2 * SECOND);
        assertEquals(1, r.tracked(), "only the address seen since is kept");
    }

    @Test
    void offAllowsEverythingAndKeepsNothing() {
        HandshakeRate r = rate("off");
        long t = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertTrue(r.allow("10.0.0.1", t));
        }
        assertEquals(0, r.tracked());
    }
}
