package io.switchboard.ws;

/**
 * What the decoder makes of a text frame: a well-formed message of a known type, or the reason it is not.
 * Decoding never throws, so that every bad input turns into an error frame rather than a container error path.
 */
public sealed interface Inbound {

    record Message(MessageType type, WsMessage message) implements Inbound {
    }

    record Malformed(ErrorCode code, String reason, String id) implements Inbound {
    }

    /** Over SWITCHBOARD_MAX_MESSAGE_BYTES: the connection is closed with 1009 (see {@code MessageSize}). */
    record TooBig() implements Inbound {
    }
}
