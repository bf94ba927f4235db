package io.switchboard.devices;

import io.switchboard.json.JsonTextEncoder;
import io.switchboard.session.Frame;

/** JSON-B encoder of {@code /rooms} replies; a room broadcast is encoded once, whatever the number of receivers. */
public class DeviceEncoder extends JsonTextEncoder<DeviceReply> {
    private static final DeviceEncoder INSTANCE = new DeviceEncoder();

    static Frame frame(DeviceReply reply) {
        return Frame.text(INSTANCE.encode(reply));
    }
}
