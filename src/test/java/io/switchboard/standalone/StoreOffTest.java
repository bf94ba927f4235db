package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Http;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DATABASE_URL=none: nothing is stored, everything else works, and the admin API says so. */
class StoreOffTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.DATABASE_URL, "none"));

    @Test
    void devicesWorkWithoutADatabaseAndHistoryIsUnavailable() {
        try (WsClient a = WsClient.connect(SERVER, "rooms", SERVER.minter().device("off-a", Duration.ofHours(1)))) {
            a.send("{\"device_id\":\"off-a\",\"identity\":\"x\"}");
            JsonObject room = a.nextMatching(m -> "room".equals(m.getString("type", "")));
            assertEquals("created_new", room.getString("status"));
            a.send("{\"type\":\"message\",\"content\":\"into the void\"}");
            JsonObject store = Http.get(SERVER.http("ws/stats"), SERVER.adminToken()).json().getJsonObject("store");
            assertEquals("none", store.getString("database"));
            assertEquals("off", store.getJsonObject("buffer").getString("state"));
            Http.Reply history = Http.get(SERVER.http("ws/rooms/" + room.getString("room_id") + "/messages"),
                    SERVER.adminToken());
            assertEquals(503, history.status());
            assertEquals("store_unavailable", history.json().getString("error"));
        }
    }
}
