package io.switchboard.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes batches of {@link StoreRecord}s, each batch in one transaction. Records are grouped by statement (one
 * JDBC batch each) in an order that keeps every dependency: inserts before the updates that close them.
 * Only the write-behind thread calls this.
 */
final class StoreWriter {
    private static final List<String> ROOM = List.of("room_id", "created_at");
    private static final List<String> DEVICE = List.of("device_id", "identity", "last_connected_at", "last_room_id");
    private static final List<String> CONNECTION = List.of("connection_uid", "device_id", "room_id", "client_ip",
            "node_id", "connected_at");
    private static final List<String> MESSAGE = List.of("message_uid", "channel", "room_id", "from_device_id",
            "to_device_id", "from_user_id", "to_user_id", "message_type", "content_type", "client_message_id",
            "message_content", "sent_at");
    private static final List<String> QUERY = List.of("query_uid", "device_id", "room_id", "queried_at");
    private static final String CLOSE = "UPDATE connections SET disconnected_at = ? WHERE connection_uid = ?"
            + " AND disconnected_at IS NULL";

    private final DataSource dataSource;
    private final Dialect dialect;

    StoreWriter(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    void write(List<StoreRecord> batch) throws SQLException {
        List<StoreRecord.RoomCreated> rooms = new ArrayList<>();
        List<StoreRecord.DeviceSeen> devices = new ArrayList<>();
        List<StoreRecord.ConnectionOpened> opened = new ArrayList<>();
        List<StoreRecord.MessageSent> messages = new ArrayList<>();
        List<StoreRecord.RoomQueried> queries = new ArrayList<>();
        List<StoreRecord.ConnectionClosed> closed = new ArrayList<>();
        for (StoreRecord r : batch) {
            if (r instanceof StoreRecord.RoomCreated x) {
                rooms.add(x);
            } else if (r instanceof StoreRecord.DeviceSeen x) {
                devices.add(x);
            } else if (r instanceof StoreRecord.ConnectionOpened x) {
                opened.add(x);
            } else if (r instanceof StoreRecord.MessageSent x) {
                messages.add(x);
            } else if (r instanceof StoreRecord.RoomQueried x) {
                queries.add(x);
            } else {
                closed.add((StoreRecord.ConnectionClosed) r);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            dialect.prepare(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                insert(c, "rooms", ROOM, "room_id", false, rooms, (ps, x) -> {
                    ps.setString(1, text(x.roomId(), 64));
                    dialect.bind(ps, 2, x.at());
                });
                insert(c, "devices", DEVICE, "device_id", true, devices, (ps, x) -> {
                    ps.setString(1, text(x.deviceId(), 255));
                    ps.setString(2, text(x.identity(), 255));
                    dialect.bind(ps, 3, x.at());
                    ps.setString(4, text(x.lastRoomId(), 64));
                });
                insert(c, "connections", CONNECTION, "connection_uid", false, opened, (ps, x) -> {
                    ps.setString(1, x.uid());
                    ps.setString(2, text(x.deviceId(), 255));
                    ps.setString(3, text(x.roomId(), 64));
                    ps.setString(4, text(x.clientIp(), 64));
                    ps.setString(5, text(x.nodeId(), 255));
                    dialect.bind(ps, 6, x.at());
                });
                insert(c, "messages", MESSAGE, "message_uid", false, messages, (ps, x) -> {
                    ps.setString(1, x.uid());
                    ps.setString(2, x.channel());
                    ps.setString(3, text(x.roomId(), 64));
                    ps.setString(4, text(x.fromDeviceId(), 255));
                    ps.setString(5, text(x.toDeviceId(), 255));
                    ps.setString(6, text(x.fromUserId(), 255));
                    ps.setString(7, text(x.toUserId(), 255));
                    ps.setString(8, x.messageType());
                    ps.setString(9, text(x.contentType(), 32));
                    ps.setString(10, text(x.clientMessageId(), 200));
                    ps.setString(11, text(x.content(), Integer.MAX_VALUE));
                    dialect.bind(ps, 12, x.at());
                });
                insert(c, "room_queries", QUERY, "query_uid", false, queries, (ps, x) -> {
                    ps.setString(1, x.uid());
                    ps.setString(2, text(x.deviceId(), 255));
                    ps.setString(3, text(x.roomId(), 64));
                    dialect.bind(ps, 4, x.at());
                });
                if (!closed.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(CLOSE)) {
                        for (StoreRecord.ConnectionClosed x : closed) {
                            dialect.bind(ps, 1, x.at());
                            ps.setString(2, x.uid());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, auto);
            }
        }
    }

    /** Connection rows of this node that a previous run left open (it died without closing them). */
    int closeLeftOpen(String nodeId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            dialect.prepare(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET disconnected_at = ?"
                    + " WHERE disconnected_at IS NULL AND node_id = ?")) {
                dialect.bind(ps, 1, at);
                ps.setString(2, nodeId);
                return ps.executeUpdate();
            }
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T record) throws SQLException;
    }

    private <T> void insert(Connection c, String table, List<String> columns, String key, boolean update,
                            List<T> records, Binder<T> binder) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        String sql = update ? dialect.upsert(table, columns, key) : dialect.insertUnlessPresent(table, columns, key);
        if (sql == null) {
            insertPortably(c, table, columns, key, update, records, binder);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T r : records) {
                binder.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The standard dialect: look the key up, then insert, one row at a time (only the write-behind thread writes,
     * so nothing comes between). The one upsert, of devices, updates the row when it exists.
     */
    private <T> void insertPortably(Connection c, String table, List<String> columns, String key, boolean update,
                                    List<T> records, Binder<T> binder) throws SQLException {
        String marks = String.join(", ", columns.stream().map(x -> "?").toList());
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")";
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + key + " = ?");
             PreparedStatement ins = c.prepareStatement(insert);
             PreparedStatement dev = c.prepareStatement("UPDATE devices SET identity = ?, last_connected_at = ?,"
                     + " last_room_id = ? WHERE device_id = ?")) {
            for (T r : records) {
                exists.setString(1, keyOf(r));
                boolean present;
                try (ResultSet rs = exists.executeQuery()) {
                    present = rs.next();
                }
                if (!present) {
                    binder.bind(ins, r);
                    ins.executeUpdate();
                } else if (update && r instanceof StoreRecord.DeviceSeen d) {
                    dev.setString(1, text(d.identity(), 255));
                    dialect.bind(dev, 2, d.at());
                    dev.setString(3, text(d.lastRoomId(), 64));
                    dev.setString(4, text(d.deviceId(), 255));
                    dev.executeUpdate();
                }
            }
        }
    }

    private static String keyOf(Object r) {
        if (r instanceof StoreRecord.RoomCreated x) {
            return x.roomId();
        }
        if (r instanceof StoreRecord.DeviceSeen x) {
            return x.deviceId();
        }
        if (r instanceof StoreRecord.ConnectionOpened x) {
            return x.uid();
        }
        if (r instanceof StoreRecord.MessageSent x) {
            return x.uid();
        }
        return ((StoreRecord.RoomQueried) r).uid();
    }

    /** Strings as the columns take them: at most {@code max} characters, no NUL (PostgreSQL refuses it). */
    static String text(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s;
        return t.length() > max ? t.substring(0, max) : t;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean auto) {
        try {
            c.setAutoCommit(auto);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
