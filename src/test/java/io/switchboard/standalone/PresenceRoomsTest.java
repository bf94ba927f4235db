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

/** SWITCHBOARD_PRESENCE_EVENTS=rooms: only room members hear of each other. */
class PresenceRoomsTest {

    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(
            java.util.Map.of(Settings.PRESENCE_EVENTS, "rooms"));

    @Test
    void onlyRoomMembersHearOfEachOtherAndNobodyHearsComingOnline() {
        String watcher = "w-" + UUID.randomUUID();
        String dave = "d-" + UUID.randomUUID();
        String room = "r" + UUID.randomUUID().toString().substring(0, 8);
        try (WsClient w = connect(SERVER, watcher)) {
            join(w, room);
            WsClient d = connect(SERVER, dave);
            join(d, room);
            List<String> seen = w.drain(Duration.ofMillis(400));
            assertTrue(heard(seen, "user_joined", dave) && seen.stream().filter(s -> s.contains(dave))
                    .allMatch(s -> s.contains("\"room\":\"" + room + "\"")),
                    "only the room join, with data.room: " + seen);
            d.close();
            d.awaitClose();
            seen = w.drain(Duration.ofMillis(400));
            assertTrue(heard(seen, "user_left", dave) && seen.stream().filter(s -> s.contains(dave))
                    .allMatch(s -> s.contains("\"room\":\"" + room + "\"")),
                    "only the room leave, with data.room: " + seen);
        }
    }

    static WsClient connect(StandaloneServerExtension server, String user) {
        WsClient c = WsClient.connect(server, "ws", server.userToken(user));
        c.send("{\"id\":\"ready\",\"message_type\":\"ping\"}");
        c.nextMatching(m -> "ready".equals(m.getString("id", "")));
        return c;
    }

    static void join(WsClient c, String room) {
        c.send("{\"id\":\"j-" + room + "\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
        c.nextMatching(m -> ("j-" + room).equals(m.getString("id", "")));
    }

    static boolean heard(List<String> frames, String type, String user) {
        return frames.stream().anyMatch(s -> s.contains("\"" + type + "\"") && s.contains(user));
    }
}
