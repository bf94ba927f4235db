package io.switchboard.relay;

import io.switchboard.json.JsonTextEncoder;
import io.switchboard.session.Frame;

/** JSON-B encoder of the server's {@code /relay} notices; messages between partners are never re-encoded. */
public class RelayEncoder extends JsonTextEncoder<RelayNotice> {
    private static final RelayEncoder INSTANCE = new RelayEncoder();

    static Frame frame(RelayNotice notice) {
        return Frame.text(INSTANCE.encode(notice));
    }
}
