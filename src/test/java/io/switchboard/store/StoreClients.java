package io.switchboard.store;

import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;

import java.time.Duration;

/** What the store tests do as clients: devices in rooms, and the store's state from {@code /ws/stats}. */
final class StoreClients {
    private StoreClients() {
    }

    /** A device that has sent its identity (into {@code room}, or a new room when null) and got its room. */
    static WsClient device(ServerTarget target, String id, String room) {
        WsClient c = WsClient.connect(target, "rooms", target.minter().device(id, Duration.ofHours(1)));
        c.send("{\"device_id\":\"" + id + "\",\"identity\":\"identity-" + id + "\""
                + (room == null ? "" : ",\"room_id\":\"" + room + "\"") + "}");
        next(c, "connection");
        next(c, "room");
        return c;
    }

    static JsonObject next(WsClient c, String type) {
        return c.nextMatching(m -> type.equals(m.getString("type", "")));
    }

    static JsonObject roomInfo(WsClient c) {
        c.send("{\"type\":\"query_room\"}");
        return next(c, "room_info");
    }

    static String roomOf(WsClient c) {
        return roomInfo(c).getString("room_id");
    }

    /** {@code store.buffer} of {@code /ws/stats}. */
    static JsonObject buffer(ServerTarget target) {
        return Http.get(target.http("ws/stats"), target.adminToken()).json().getJsonObject("store")
                .getJsonObject("buffer");
    }
}
