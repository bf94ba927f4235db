package io.switchboard.endpoint;

/** The kinds of bad input every endpoint tells apart; each endpoint maps them onto its own error codes. */
public enum BadInput {
    /** Not JSON at all. */
    SYNTAX,
    /** JSON, but not the endpoint's object: an array, a scalar, a field of the wrong JSON type, a field twice. */
    SHAPE,
    /** The right shape with a value the endpoint cannot take (a required field missing, an id too long). */
    INVALID,
    /** A message type (or action) the endpoint does not know. */
    UNKNOWN_TYPE,
    /**
     * Over SWITCHBOARD_RATE_LIMIT, whatever it holds: dropped unread and answered like bad input (SPEC §13), so it
     * counts toward the error-rate close. Decided by the {@link FrontDoor}, not by a decoder.
     */
    RATE_LIMITED
}
