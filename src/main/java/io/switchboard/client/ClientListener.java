package io.switchboard.client;

import java.time.Duration;

/**
 * What a {@link SwitchboardClient} tells the application. Every method runs on the client's own thread, one at a
 * time and in order: return quickly (hand long work to another thread).
 */
public interface ClientListener {

    /** Connected (again): rooms are joined again and queued messages are on their way. */
    default void onOpen(SwitchboardClient client) {
    }

    /** A message from the server: everything except the answers to the client's own keepalive pings. */
    default void onMessage(SwitchboardClient client, ClientMessage message) {
    }

    /**
     * The connection is gone, or could not be made: {@code code} is the WebSocket close code (1006 when the socket
     * just went away or the handshake failed; {@code reason} then says why). {@code retryIn} is the wait before
     * the next attempt, {@code null} when the client was closed and will not try again.
     */
    default void onDisconnected(SwitchboardClient client, int code, String reason, Duration retryIn) {
    }

    /** Something went wrong that did not end the connection (a token the provider could not give, ...). */
    default void onError(SwitchboardClient client, Throwable error) {
    }
}
