package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 002's periodic status output: connections, active rooms, devices per room (SWITCHBOARD_STATUS_INTERVAL). */
class StatusLineTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(Map.of(
            Settings.STATUS_INTERVAL, "200ms"));

    @Test
    void theStatusLineCountsConnectionsRoomsAndDevicesPerRoom() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.switchboard.rooms.StatusLine");
        logger.addHandler(capture);
        try (WsClient a = device("status-a", null)) {
            a.send("{\"type\":\"query_room\"}");
            String room = a.nextMatching(m -> "room_info".equals(m.getString("type", ""))).getString("room_id");
            try (WsClient b = device("status-b", room)) {
                String expected = room + "=2";
                Eventually.await("a status line with both devices", Duration.ofSeconds(5), () -> lines.stream()
                        .anyMatch(l -> l.startsWith("status: 2 connections (ws 0, rooms 2") && l.contains(expected)
                                && l.contains("1 active rooms")));
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(lines.stream().allMatch(l -> l.startsWith("status: ")), lines.toString());
    }

    private static WsClient device(String id, String room) {
        WsClient c = WsClient.connect(SERVER, "rooms", SERVER.minter().device(id, Duration.ofHours(1)));
        c.send("{\"device_id\":\"" + id + "\",\"identity\":\"i\"" + (room == null ? "" : ",\"room_id\":\"" + room + "\"")
                + "}");
        JsonObject r = c.nextMatching(m -> "room".equals(m.getString("type", "")));
        assertTrue(r.getString("status").equals(room == null ? "created_new" : "joined_existing"));
        return c;
    }
}
