package io.switchboard.ws;

import io.switchboard.auth.JwtConfigurator;
import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.FrontDoor;
import io.switchboard.session.Channel;
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

/** {@code /ws}: JWT-authenticated users (seed 003), through the {@link FrontDoor} to the {@link UserHub}. */
@ApplicationScoped
@ServerEndpoint(value = "/ws", configurator = JwtConfigurator.class,
        decoders = WsDecoder.class, encoders = WsEncoder.class)
public class UserEndpoint {
    @Inject
    FrontDoor door;
    @Inject
    UserHub hub;

    @OnOpen
    public void open(Session session) {
        door.open(session, Channel.WS, hub);
    }

    @OnMessage
    public void text(Session session, Decoded<Inbound> message) {
        door.text(session, message, hub);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        door.binary(session, data, hub);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        door.pong(session, hub);
    }

    @OnClose
    public void close(Session session) {
        door.close(session, hub);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        door.error(session, failure);
    }
}
