package io.switchboard.ws;

import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.GuardedDecoder;
import io.switchboard.json.JsonSupport;

/** {@code /ws} text frames into {@link Inbound}s: the envelope of SPEC §4 with a known {@code message_type}. */
public class WsDecoder extends GuardedDecoder<WsMessage, Inbound> {

    public WsDecoder() {
        super(WsMessage.class);
    }

    @Override
    protected Decoded<Inbound> interpret(WsMessage m, String text) {
        if (m.messageType() == null) {
            return invalid("message_type is required", idOf(m.id()));
        }
        return MessageType.fromWire(m.messageType())
                .map(t -> message(new Inbound(t, m)))
                .orElseGet(() -> unknownType("unknown message_type '" + JsonSupport.abbreviate(m.messageType())
                        + "'", idOf(m.id())));
    }

    @Override
    protected String shapeError(String detail) {
        return "not a /ws message: " + detail + " (see the envelope in docs/protocol-ws.md)";
    }
}
