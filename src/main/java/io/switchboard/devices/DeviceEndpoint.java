package io.switchboard.devices;

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

/** {@code /rooms}: devices in rooms (seed 002). Decode, hand to the {@link DeviceHub}; nothing else. */
@ApplicationScoped
@ServerEndpoint(value = "/rooms", configurator = JwtConfigurator.class,
        decoders = DeviceDecoder.class, encoders = DeviceEncoder.class)
public class DeviceEndpoint {
    @Inject
    ConnectionSetup connections;
    @Inject
    DeviceHub hub;
    @Inject
    EndpointErrors errors;

    @OnOpen
    public void open(Session session) {
        connections.accept(session, Channel.ROOMS).ifPresent(hub::open);
    }

    @OnMessage
    public void text(Session session, DeviceMessage message) {
        connections.heard(session).ifPresent(c -> hub.handle(c, message));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        connections.heard(session).ifPresent(hub::binary);
    }

    /** The answer to the keepalive's ping. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        connections.heard(session);
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
