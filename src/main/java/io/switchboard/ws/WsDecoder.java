package io.switchboard.ws;

import io.switchboard.json.JsonSupport;
import io.switchboard.session.MessageSize;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON-B decoder of {@code /ws} text frames into {@link Inbound}; stateless. */
public class WsDecoder implements Decoder.Text<Inbound> {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");

    private int limit = Integer.MAX_VALUE;

    @Override
    public void init(EndpointConfig config) {
        limit = MessageSize.limit();
    }

    @Override
    public Inbound decode(String text) {
        if (MessageSize.exceeds(text, limit)) {
            return new Inbound.TooBig();
        }
        WsMessage m;
        try {
            m = JsonSupport.jsonb().fromJson(text, WsMessage.class);
        } catch (JsonbException | ClassCastException | IllegalStateException e) {
            return JsonSupport.isSyntaxError(e)
                    ? new Inbound.Malformed(ErrorCode.BAD_JSON, "not valid JSON", sniffId(text))
                    : new Inbound.Malformed(ErrorCode.BAD_MESSAGE, "not a /ws message object (see the envelope in "
                            + "docs/protocol-ws.md)", sniffId(text));
        }
        if (m == null) {
            return new Inbound.Malformed(ErrorCode.BAD_MESSAGE, "empty message", null);
        }
        if (m.messageType() == null) {
            return new Inbound.Malformed(ErrorCode.BAD_MESSAGE, "message_type is required", m.id());
        }
        return MessageType.fromWire(m.messageType())
                .<Inbound>map(t -> new Inbound.Message(t, m))
                .orElseGet(() -> new Inbound.Malformed(ErrorCode.UNKNOWN_TYPE,
                        "unknown message_type '" + JsonSupport.abbreviate(m.messageType()) + "'", m.id()));
    }

    @Override
    public boolean willDecode(String s) {
        // Always decode: a false here would drop the frame silently instead of answering with an error.
        return true;
    }

    private static String sniffId(String text) {
        Matcher m = ID.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
        return m.find() ? m.group(1) : null;
    }
}
