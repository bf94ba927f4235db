package io.switchboard.relay;

import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.GuardedDecoder;

/** {@code /relay} text frames (seed 000) into {@link RelayInbound}s; the text itself travels on unchanged. */
public class RelayDecoder extends GuardedDecoder<RelayMessage, RelayInbound> {

    public RelayDecoder() {
        super(RelayMessage.class);
    }

    @Override
    protected Decoded<RelayInbound> interpret(RelayMessage m, String text) {
        return message(new RelayInbound(m, text));
    }

    @Override
    protected String shapeError(String detail) {
        return "not a relay message: " + detail + " (expected a JSON object with group_id, sender_type, "
                + "receiver_type, content and message_type)";
    }
}
