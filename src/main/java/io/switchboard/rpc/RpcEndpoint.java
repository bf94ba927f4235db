package io.switchboard.rpc;

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

/** {@code /rpc}: request/response actions (seed 001). Decode, hand to the {@link RpcHub}; nothing else. */
@ApplicationScoped
@ServerEndpoint(value = "/rpc", configurator = JwtConfigurator.class,
        decoders = RpcDecoder.class, encoders = RpcEncoder.class)
public class RpcEndpoint {
    @Inject
    ConnectionSetup connections;
    @Inject
    RpcHub hub;
    @Inject
    EndpointErrors errors;

    @OnOpen
    public void open(Session session) {
        connections.accept(session, Channel.RPC).ifPresent(hub::open);
    }

    @OnMessage
    public void text(Session session, RpcInbound request) {
        connections.heard(session).ifPresent(c -> hub.handle(c, request));
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
