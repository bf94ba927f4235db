package io.switchboard.endpoint;

import jakarta.json.JsonValue;

/**
 * What a {@link GuardedDecoder} makes of one text frame, on every endpoint: the endpoint's typed message, or the
 * reason it is not one. Decoding never throws, so bad input always ends in the endpoint's documented error (or a
 * close) and never in the container's error path.
 *
 * @param <M> the endpoint's message type
 */
public sealed interface Decoded<M> {

    record Message<M>(M message) implements Decoded<M> {
    }

    /**
     * Not a message of this endpoint; answered in the endpoint's own error shape.
     *
     * @param id the offending message's id where it could be read (a string, or a number on {@code /rpc}), or null
     */
    record Bad<M>(BadInput problem, String reason, JsonValue id) implements Decoded<M> {
    }

    /** Over SWITCHBOARD_MAX_MESSAGE_BYTES where the container let it through: the connection is closed with 1009. */
    record TooBig<M>() implements Decoded<M> {
    }
}
