package io.switchboard.endpoint;

import io.switchboard.session.Connection;

import jakarta.json.JsonValue;

import java.nio.ByteBuffer;

/**
 * An endpoint's core, as the {@link FrontDoor} drives it: what its messages do and how it answers bad input in its
 * own wire shape. The front door has already dealt with what is the same everywhere (the handshake's outcome, the
 * size limit, liveness, errors the container reports).
 *
 * @param <M> the endpoint's message type
 */
public interface EndpointHub<M> {

    /** A connection was accepted (its principal checked, a place taken). */
    void open(Connection c);

    void handle(Connection c, M message);

    /** Bad input: send the endpoint's error and count it toward the connection's error rate. */
    void refuse(Connection c, Decoded.Bad<M> bad);

    /**
     * The id of a message, for the {@code rate_limited} error that answers it when it is dropped; null where the
     * endpoint's messages carry none.
     */
    default JsonValue idOf(M message) {
        return null;
    }

    /** A binary message within the size limit. */
    void binary(Connection c, ByteBuffer data);

    /** A WebSocket pong arrived (the keepalive has already noted it). */
    default void pong(Connection c) {
    }

    /** The connection is gone, for whatever reason; called once. */
    void close(Connection c);
}
