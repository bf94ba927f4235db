package io.switchboard.relay;

import io.switchboard.auth.JwtConfigurator;
import io.switchboard.session.Channel;
import io.switchboard.session.ConnectionSetup;
import io.switchboard.session.EndpointErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** {@code /relay}: center/local device pairs (seed 000). Decode, hand to the {@link RelayHub}; nothing else. */
@ApplicationScoped
@ServerEndpoint(value = "/relay", configurator = JwtConfigurator.class,
        decoders = RelayDecoder.class, encoders = RelayEncoder.class)
public class RelayEndpoint {
    @Inject
    ConnectionSetup connections;
    @Inject
    RelayHub hub;
    @Inject
    EndpointErrors errors;

    @OnOpen
    public void open(Session session) {
        connections.accept(session, Channel.RELAY).ifPresent(hub::open);
    }

    @OnMessage
    public void text(Session session, RelayInbound message) {
        connections.heard(session).ifPresent(c -> hub.handle(c, message));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        connections.heard(session).ifPresent(c -> hub.binary(c, data));
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        connections.heard(session).ifPresent(hub::pong);
    }

    @OnClose
    public void close(Session session) {
        connections.of(session).ifPresent(hub::close);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        errors.handle(connections.of(session), failure);
    }
}
