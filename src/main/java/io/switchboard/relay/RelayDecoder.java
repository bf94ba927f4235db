package io.switchboard.relay;

import io.switchboard.json.JsonSupport;
import io.switchboard.session.MessageSize;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/** JSON-B decoder of {@code /relay} text frames; stateless, never throws. */
public class RelayDecoder implements Decoder.Text<RelayInbound> {
    private int limit = Integer.MAX_VALUE;

    @Override
    public void init(EndpointConfig config) {
        limit = MessageSize.limit();
    }

    @Override
    public RelayInbound decode(String text) {
        if (MessageSize.exceeds(text, limit)) {
            return new RelayInbound.TooBig();
        }
        RelayMessage m;
        try {
            m = JsonSupport.read(text, RelayMessage.class);
        } catch (RuntimeException e) {
            // JsonbException for bad JSON or a wrong shape; Yasson wraps a few odd inputs in other runtime errors.
            return new RelayInbound.Malformed("not a relay message: expected a JSON object with group_id, "
                    + "sender_type, receiver_type, content and message_type");
        }
        if (m == null) {
            return new RelayInbound.Malformed("empty message");
        }
        return new RelayInbound.Message(m, text);
    }

    @Override
    public boolean willDecode(String s) {
        // Always decode: false would drop the frame silently instead of answering with an error.
        return true;
    }
}
