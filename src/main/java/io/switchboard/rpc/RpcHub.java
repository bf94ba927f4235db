package io.switchboard.rpc;

import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.EndpointHub;
import io.switchboard.routing.Router;
import io.switchboard.session.Channel;
import io.switchboard.session.CloseSteps;
import io.switchboard.session.Connection;
import io.switchboard.session.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core of {@code /rpc} (SPEC §7, §12; docs/protocol-rpc.md): the connected notification and the actions.
 * Each connection gets a UUID {@code connection_id} (seed 001's shape) that names it in broadcasts.
 */
@ApplicationScoped
public class RpcHub implements EndpointHub<RpcInbound> {
    @Inject
    Membership membership;
    @Inject
    Router router;

    /** Open {@code /rpc} connections: the registry's connection id → the client-facing {@code connection_id}. */
    private final Map<String, String> connectionIds = new ConcurrentHashMap<>();

    @Override
    public void open(Connection c) {
        String id = UUID.randomUUID().toString();
        connectionIds.put(c.id(), id);
        // Queued before the connection becomes visible to broadcasts: "connected" is always the first frame.
        router.reply(c, RpcEncoder.frame(RpcOutbound.Notification.of(Json.createObjectBuilder()
                .add("event", "connected").add("connection_id", id).build())));
        membership.open(c);
    }

    @Override
    public void handle(Connection c, RpcInbound r) {
        switch (r.action()) {
            case ECHO -> message(c, r).ifPresent(m -> respond(c, r, Json.createObjectBuilder().add("echo", m).build()));
            case BROADCAST -> message(c, r).ifPresent(m -> broadcast(c, r, m));
            case GET_CONNECTIONS -> membership.connections(Channel.RPC).thenAccept(n ->
                    respond(c, r, Json.createObjectBuilder().add("count", n).build()));
            default -> throw new IllegalStateException("unhandled action " + r.action());
        }
    }

    @Override
    public void refuse(Connection c, Decoded.Bad<RpcInbound> bad) {
        RpcErrorCode code = switch (bad.problem()) {
            case SYNTAX -> RpcErrorCode.BAD_JSON;
            case UNKNOWN_TYPE -> RpcErrorCode.UNKNOWN_ACTION;
            case SHAPE, INVALID -> RpcErrorCode.BAD_REQUEST;
            case RATE_LIMITED -> RpcErrorCode.RATE_LIMITED;
        };
        fail(c, bad.id(), code, bad.reason());
    }

    @Override
    public JsonValue idOf(RpcInbound request) {
        return request.id();
    }

    @Override
    public void binary(Connection c, ByteBuffer data) {
        fail(c, null, RpcErrorCode.UNSUPPORTED_BINARY, "/rpc takes JSON text frames only");
    }

    @Override
    public void close(Connection c) {
        CloseSteps.runAll(() -> connectionIds.remove(c.id()), () -> membership.close(c));
    }

    /** A notification to every other {@code /rpc} connection, encoded once; the response says how many got it. */
    private void broadcast(Connection c, RpcInbound r, JsonValue message) {
        JsonObject data = Json.createObjectBuilder().add("event", "broadcast").add("message", message)
                .add("from", connectionIds.getOrDefault(c.id(), c.id())).build();
        router.toEveryone(Channel.RPC, RpcEncoder.frame(RpcOutbound.Notification.of(data)), c.id())
                .thenAccept(p -> respond(c, r, Json.createObjectBuilder().add("delivered", p.receivers()).build()));
    }

    /** {@code payload.message}: any JSON value; a missing one is answered with {@code invalid_payload}. */
    private Optional<JsonValue> message(Connection c, RpcInbound r) {
        if (r.payload() instanceof JsonObject p && p.containsKey("message")) {
            return Optional.of(p.get("message"));
        }
        fail(c, r.id(), RpcErrorCode.INVALID_PAYLOAD, "payload.message is required for " + r.action().wire());
        return Optional.empty();
    }

    private void respond(Connection c, RpcInbound r, JsonObject data) {
        router.reply(c, RpcEncoder.frame(RpcOutbound.Response.ok(r.id(), data)));
    }

    /** An error response, counted toward the connection's error rate (SPEC §12). */
    private void fail(Connection c, JsonValue id, RpcErrorCode code, String message) {
        router.reply(c, RpcEncoder.frame(RpcOutbound.Response.failed(id, code, message)));
        c.countError();
    }
}
