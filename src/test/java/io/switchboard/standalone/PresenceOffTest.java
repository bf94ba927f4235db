package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** SWITCHBOARD_PRESENCE_EVENTS=off: no presence events at all. */
class PresenceOffTest {

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(
            java.util.Map.of(Settings.PRESENCE_EVENTS, "off"));

    @Test
    void nobodyHearsPresenceNotEvenRoomMembers() {
        String watcher = "w-" + UUID.randomUUID();
        String erin = "e-" + UUID.randomUUID();
        String room = "r" + UUID.randomUUID().toString().substring(0, 8);
        try (WsClient w = PresenceRoomsTest.connect(SERVER, watcher)) {
            PresenceRoomsTest.join(w, room);
            WsClient e = PresenceRoomsTest.connect(SERVER, erin);
            PresenceRoomsTest.join(e, room);
            e.close();
            e.awaitClose();
            List<String> seen = w.drain(Duration.ofMillis(500));
            assertTrue(seen.stream().noneMatch(s -> s.contains(erin)), "heard presence: " + seen);
        }
    }
}
