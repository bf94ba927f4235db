package io.switchboard.ws;

import io.switchboard.json.JsonTextEncoder;

/** JSON-B encoder of {@code /ws} messages; the hub uses it once per message, whatever the number of receivers. */
public class WsEncoder extends JsonTextEncoder<WsMessage> {
}
