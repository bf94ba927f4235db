package io.switchboard.config;

/**
 * SWITCHBOARD_PRESENCE_EVENTS: who hears {@code user_joined}/{@code user_left}. Seed 003's rule (GLOBAL) makes a
 * storm of n users cost n²/2 frames; the narrower scopes keep big deployments linear (docs/performance.md).
 */
public enum PresenceScope {
    /** Every other {@code /ws} connection hears a user come online and go away, and room members hear room joins
     * and leaves (seed 003's rule, the default). */
    GLOBAL,
    /** Only room members hear of each other: {@code user_joined}/{@code user_left} with {@code data.room} when a
     * connection joins or leaves one of their rooms (or closes while in it); no global online/offline events. */
    ROOMS,
    /** Nobody hears presence events, not even room members; joins and leaves are still acknowledged to the
     * connection itself. */
    OFF
}
