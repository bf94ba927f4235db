package io.switchboard.devices;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Everything the server sends on {@code /rooms} (seed 002's shapes, fields in the seed's order). */
public sealed interface DeviceReply {

    @JsonbPropertyOrder({"type", "message"})
    record Connected(String type, String message) implements DeviceReply {
        static final Connected INSTANCE = new Connected("connection", "Connected successfully");
    }

    @JsonbPropertyOrder({"type", "roomId", "status"})
    record RoomAssigned(String type, String roomId, String status) implements DeviceReply {
        RoomAssigned(String roomId, RoomStatus status) {
            this("room", roomId, status.wire());
        }
    }

    @JsonbPropertyOrder({"type", "content", "fromDeviceId", "messageType", "timestamp"})
    record Relayed(String type, JsonValue content, String fromDeviceId, String messageType, JsonValue timestamp)
            implements DeviceReply {
        Relayed(JsonValue content, String fromDeviceId, boolean direct, JsonValue timestamp) {
            this("message", content, fromDeviceId, direct ? "direct" : "broadcast", timestamp);
        }
    }

    @JsonbPropertyOrder({"type", "roomId", "totalClients", "clients"})
    record RoomInfo(String type, String roomId, int totalClients, List<Client> clients) implements DeviceReply {
        RoomInfo(String roomId, int totalClients, List<Client> clients) {
            this("room_info", roomId, totalClients, clients);
        }
    }

    @JsonbPropertyOrder({"deviceId", "identity"})
    record Client(String deviceId, String identity) {
    }

    @JsonbPropertyOrder({"type", "message"})
    record ErrorReply(String type, String message) implements DeviceReply {
        ErrorReply(String message) {
            this("error", message);
        }
    }
}
