package io.switchboard.relay;

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

/** {@code /relay}: center/local device pairs (seed 000), through the {@link FrontDoor} to the {@link RelayHub}. */
@ApplicationScoped
@ServerEndpoint(value = "/relay", configurator = JwtConfigurator.class,
        decoders = RelayDecoder.class, encoders = RelayEncoder.class)
public class RelayEndpoint {
    @Inject
    FrontDoor door;
    @Inject
    RelayHub hub;

    @OnOpen
    public void open(Session session) {
        door.open(session, Channel.RELAY, hub);
    }

    @OnMessage
    public void text(Session session, Decoded<RelayInbound> message) {
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
