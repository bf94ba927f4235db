package io.switchboard.json;

import jakarta.websocket.Encoder;

/**
 * The one JSON-B encoder: each endpoint names a one-line subclass of it for its own message type (the WebSocket
 * API wants a concrete class per type in {@code @ServerEndpoint(encoders=…)}). Stateless.
 */
public abstract class JsonTextEncoder<T> implements Encoder.Text<T> {
    @Override
    public String encode(T message) {
        return JsonSupport.write(message);
    }
}
