package io.switchboard.relay;

/**
 * What the decoder makes of a {@code /relay} text frame: a message plus the exact text it came as (relayed
 * unchanged), or the reason it is not one. Decoding never throws: bad input becomes an error frame.
 */
public sealed interface RelayInbound {

    record Message(RelayMessage message, String raw) implements RelayInbound {
    }

    record Malformed(String reason) implements RelayInbound {
    }

    /** Over SWITCHBOARD_MAX_MESSAGE_BYTES: the connection is closed with 1009 (see {@code MessageSize}). */
    record TooBig() implements RelayInbound {
    }
}
