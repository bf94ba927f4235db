package io.switchboard.routing;

import java.util.Optional;

/**
 * The outcome of {@link MessageBus#claim}: whether the address is now the claimant's, and, when it took the address
 * over, which connection held it before (so that the caller can close it as replaced).
 */
public record Claim(boolean granted, Optional<String> previousHolder) {
    static final Claim GRANTED = new Claim(true, Optional.empty());
    static final Claim REFUSED = new Claim(false, Optional.empty());

    static Claim tookOver(String previous) {
        return new Claim(true, Optional.of(previous));
    }

    /** How a claim treats an address that another open connection holds. */
    public enum Policy {
        /** Refused: the holder keeps it (a relay slot: the first center of a group stays, SPEC §6). */
        EXCLUSIVE,
        /** Taken over: the newest connection wins (a device that reconnects replaces its old connection, SPEC §12). */
        TAKE_OVER
    }
}
