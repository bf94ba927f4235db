package io.switchboard.rpc;

import io.switchboard.json.JsonTextEncoder;
import io.switchboard.session.Frame;

/** JSON-B encoder of {@code /rpc} responses and notifications; a broadcast is encoded once for all receivers. */
public class RpcEncoder extends JsonTextEncoder<RpcOutbound> {
    private static final RpcEncoder INSTANCE = new RpcEncoder();

    static Frame frame(RpcOutbound message) {
        return Frame.text(INSTANCE.encode(message));
    }
}
