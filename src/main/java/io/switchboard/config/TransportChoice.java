package io.switchboard.config;

/** SWITCHBOARD_TRANSPORT: how frames reach the network (docs/performance.md). */
public enum TransportChoice {
    /** Raw frames, framed once and batched per connection, where the container is Tyrus; portable elsewhere. */
    AUTO,
    /** Only the WebSocket API's asynchronous remote (for comparison, or a container that misbehaves). */
    PORTABLE
}
