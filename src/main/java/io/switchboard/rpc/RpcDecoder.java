package io.switchboard.rpc;

import io.switchboard.json.JsonSupport;
import jakarta.json.JsonValue;
import io.switchboard.session.MessageSize;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/** JSON-B decoder of {@code /rpc} requests; stateless, never throws: bad input becomes a {@link RpcInbound.Malformed}. */
public class RpcDecoder implements Decoder.Text<RpcInbound> {
    private int limit = Integer.MAX_VALUE;

    @Override
    public void init(EndpointConfig config) {
        limit = MessageSize.limit();
    }

    @Override
    public RpcInbound decode(String text) {
        if (MessageSize.exceeds(text, limit)) {
            return new RpcInbound.TooBig();
        }
        RpcRequest r;
        try {
            r = JsonSupport.read(text, RpcRequest.class);
        } catch (RuntimeException e) {
            return JsonSupport.isSyntaxError(e)
                    ? new RpcInbound.Malformed(null, RpcErrorCode.BAD_JSON, "not valid JSON")
                    : new RpcInbound.Malformed(null, RpcErrorCode.BAD_REQUEST,
                            "expected a JSON object {\"id\",\"type\":\"request\",\"action\",\"payload\"}");
        }
        if (r == null) {
            return new RpcInbound.Malformed(null, RpcErrorCode.BAD_REQUEST, "empty message");
        }
        if (r.id() == null || !(r.id().getValueType() == JsonValue.ValueType.STRING
                || r.id().getValueType() == JsonValue.ValueType.NUMBER)) {
            return new RpcInbound.Malformed(null, RpcErrorCode.BAD_REQUEST, "id is required: a string or a number");
        }
        if (!"request".equals(r.type())) {
            return new RpcInbound.Malformed(r.id(), RpcErrorCode.BAD_REQUEST, "type must be \"request\"");
        }
        return RpcAction.fromWire(r.action())
                .<RpcInbound>map(a -> new RpcInbound.Request(r.id(), a, r.payload()))
                .orElseGet(() -> new RpcInbound.Malformed(r.id(), RpcErrorCode.UNKNOWN_ACTION,
                        "unknown action" + (r.action() == null ? "" : " '" + JsonSupport.abbreviate(r.action()) + "'")
                                + ": one of echo, broadcast, get_connections"));
    }

    @Override
    public boolean willDecode(String s) {
        // Always decode: false would drop the frame silently instead of answering with an error.
        return true;
    }
}
