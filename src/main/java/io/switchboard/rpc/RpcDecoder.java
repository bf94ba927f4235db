package io.switchboard.rpc;

import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.GuardedDecoder;
import io.switchboard.json.JsonSupport;
import jakarta.json.JsonValue;

/** {@code /rpc} requests (seed 001) into {@link RpcInbound}s: an id, {@code type} "request", a known action. */
public class RpcDecoder extends GuardedDecoder<RpcRequest, RpcInbound> {

    public RpcDecoder() {
        super(RpcRequest.class);
    }

    @Override
    protected Decoded<RpcInbound> interpret(RpcRequest r, String text) {
        if (r.id() == null || !(r.id().getValueType() == JsonValue.ValueType.STRING
                || r.id().getValueType() == JsonValue.ValueType.NUMBER)) {
            return invalid("id is required: a string or a number", null);
        }
        if (!"request".equals(r.type())) {
            return invalid("type must be \"request\"", r.id());
        }
        return RpcAction.fromWire(r.action())
                .map(a -> message(new RpcInbound(r.id(), a, r.payload())))
                .orElseGet(() -> unknownType("unknown action"
                        + (r.action() == null ? "" : " '" + JsonSupport.abbreviate(r.action()) + "'")
                        + ": one of echo, broadcast, get_connections", r.id()));
    }

    @Override
    protected String shapeError(String detail) {
        return "not a request: " + detail + " (expected {\"id\",\"type\":\"request\",\"action\",\"payload\"})";
    }
}
