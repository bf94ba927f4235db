package io.switchboard.devices;

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

/** {@code /rooms}: devices in rooms (seed 002), through the {@link FrontDoor} to the {@link DeviceHub}. */
@ApplicationScoped
@ServerEndpoint(value = "/rooms", configurator = JwtConfigurator.class,
        decoders = DeviceDecoder.class, encoders = DeviceEncoder.class)
public class DeviceEndpoint {
    @Inject
    FrontDoor door;
    @Inject
    DeviceHub hub;

    @OnOpen
    public void open(Session session) {
        door.open(session, Channel.ROOMS, hub);
    }

    @OnMessage
    public void text(Session session, Decoded<DeviceMessage> message) {
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
