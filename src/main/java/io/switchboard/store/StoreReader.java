package io.switchboard.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads for start-up and the admin API; never on a message's path. Each query gives up after a few seconds. */
final class StoreReader {
    private static final int TIMEOUT_SECONDS = 5;
    private static final String MESSAGE_COLUMNS = "id, channel, room_id, from_device_id, to_device_id, from_user_id,"
            + " to_user_id, message_type, content_type, client_message_id, message_content, sent_at";

    private final DataSource dataSource;
    private final Dialect dialect;

    StoreReader(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    StoredState loadState() throws SQLException {
        List<StoredState.StoredRoom> rooms = new ArrayList<>();
        List<StoredState.StoredDevice> devices = new ArrayList<>();
        try (Connection c = open();
             PreparedStatement r = statement(c, "SELECT room_id, created_at FROM rooms");
             PreparedStatement d = statement(c, "SELECT device_id, identity, last_room_id, last_connected_at"
                     + " FROM devices")) {
            try (ResultSet rs = r.executeQuery()) {
                while (rs.next()) {
                    rooms.add(new StoredState.StoredRoom(rs.getString("room_id"), dialect.instant(rs, "created_at")));
                }
            }
            try (ResultSet rs = d.executeQuery()) {
                while (rs.next()) {
                    devices.add(new StoredState.StoredDevice(rs.getString("device_id"), rs.getString("identity"),
                            rs.getString("last_room_id"), dialect.instant(rs, "last_connected_at")));
                }
            }
        }
        return new StoredState(rooms, devices);
    }

    long countRoomMessages(String roomId) throws SQLException {
        try (Connection c = open();
             PreparedStatement ps = statement(c, "SELECT COUNT(*) FROM messages WHERE room_id = ?")) {
            ps.setString(1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A room's messages, newest first. */
    List<StoredMessage> roomMessages(String roomId, int limit, int offset) throws SQLException {
        List<StoredMessage> out = new ArrayList<>();
        try (Connection c = open();
             PreparedStatement ps = statement(c, dialect.page("SELECT " + MESSAGE_COLUMNS
                     + " FROM messages WHERE room_id = ? ORDER BY sent_at DESC, id DESC", limit, offset))) {
            ps.setString(1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMessage(rs.getLong("id"), rs.getString("channel"), rs.getString("room_id"),
                            rs.getString("from_device_id"), rs.getString("to_device_id"),
                            rs.getString("from_user_id"), rs.getString("to_user_id"), rs.getString("message_type"),
                            rs.getString("content_type"), rs.getString("client_message_id"),
                            rs.getString("message_content"), dialect.instant(rs, "sent_at")));
                }
            }
        }
        return out;
    }

    boolean roomExists(String roomId) throws SQLException {
        try (Connection c = open(); PreparedStatement ps = statement(c, "SELECT 1 FROM rooms WHERE room_id = ?")) {
            ps.setString(1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A device's latest connections, newest first. */
    List<StoredConnection> deviceConnections(String deviceId, int limit) throws SQLException {
        List<StoredConnection> out = new ArrayList<>();
        try (Connection c = open();
             PreparedStatement ps = statement(c, dialect.page("SELECT device_id, room_id, client_ip, connected_at,"
                     + " disconnected_at FROM connections WHERE device_id = ? ORDER BY connected_at DESC, id DESC",
                     limit, 0))) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredConnection(rs.getString("device_id"), rs.getString("room_id"),
                            rs.getString("client_ip"), dialect.instant(rs, "connected_at"),
                            dialect.instant(rs, "disconnected_at")));
                }
            }
        }
        return out;
    }

    boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            dialect.prepare(c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static PreparedStatement statement(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(TIMEOUT_SECONDS);
        return ps;
    }
}
