package io.switchboard.store;

import io.switchboard.config.Settings;
import io.switchboard.session.Shutdown;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import javax.naming.InitialContext;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Persistence as the rest of the core sees it (SPEC §8, docs/persistence.md). {@link #record} hands a fact to
 * the write-behind buffer and returns at once: delivery never waits for the database. Reads serve the admin API.
 * On an orderly shutdown everything accepted is written (up to SWITCHBOARD_STORE_FLUSH_TIMEOUT).
 */
@ApplicationScoped
public class Store {
    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    private static final Duration READY_WAIT = Duration.ofSeconds(5);

    @Inject
    Settings settings;
    @Inject
    Event<StoredState> restored;

    private Database database;
    private WriteBehind buffer;
    private volatile StoreWriter writer;
    private volatile StoreReader reader;
    private String nodeId;

    @PostConstruct
    void init() {
        nodeId = nodeName() + ":" + settings.port();
        database = Database.open(settings).orElse(null);
        if (database == null) {
            LOG.warning("DATABASE_URL=none: nothing is stored (no history, no device rooms across restarts)");
            return;
        }
        buffer = new WriteBehind(new WriteBehind.Target() {
            @Override
            public void prepare() throws Exception {
                Dialect dialect = database.migrate();
                StoreWriter w = new StoreWriter(database.dataSource(), dialect);
                StoreReader r = new StoreReader(database.dataSource(), dialect);
                int closed = w.closeLeftOpen(nodeId, Instant.now());
                if (closed > 0) {
                    LOG.info("closed " + closed + " connection rows that an earlier run of " + nodeId + " left open");
                }
                restored.fire(r.loadState());
                writer = w;
                reader = r;
                LOG.info("storing into " + database.description() + " (" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")");
            }

            @Override
            public void write(List<StoreRecord> batch) throws SQLException {
                writer.write(batch);
            }

            @Override
            public boolean reachable() {
                StoreReader r = reader;
                return r != null && r.reachable();
            }
        }, settings.storeBuffer());
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (buffer == null) {
            return;
        }
        buffer.start(threadFactory());
        // Stored rooms and devices should be known before the first device comes back; do not wait for long.
        if (!buffer.awaitReady(READY_WAIT)) {
            LOG.warning("database not ready within " + READY_WAIT.toSeconds() + " s; starting anyway, records are "
                    + "buffered until it is");
        }
    }

    /** Accepts a fact for writing; never blocks. False when it was refused (storing off, or the buffer full). */
    public boolean record(StoreRecord record) {
        return buffer != null && buffer.offer(record);
    }

    /** This node's name in the {@code connections} table (host and port). */
    public String nodeId() {
        return nodeId;
    }

    public boolean enabled() {
        return buffer != null;
    }

    public StoreStats stats() {
        if (buffer == null) {
            return new StoreStats("none", new StoreStats.Buffer("off", 0, 0, 0, 0, 0, 0, 0, null));
        }
        return new StoreStats(database.description(), buffer.stats());
    }

    /** Waits until everything accepted so far is written, at most {@code limit}. @return records still unwritten */
    public int flush(Duration limit) {
        return buffer == null ? 0 : buffer.flush(limit);
    }

    public List<StoredMessage> roomMessages(String roomId, int limit, int offset) {
        return read(r -> r.roomMessages(roomId, limit, offset));
    }

    public long countRoomMessages(String roomId) {
        return read(r -> r.countRoomMessages(roomId));
    }

    public boolean roomStored(String roomId) {
        return read(r -> r.roomExists(roomId));
    }

    public List<StoredConnection> deviceConnections(String deviceId, int limit) {
        return read(r -> r.deviceConnections(deviceId, limit));
    }

    /** After the hubs' own shutdown bookkeeping (their observers have a lower priority). */
    void onShutdown(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) Shutdown.Closed event) {
        if (buffer != null) {
            int left = buffer.flush(settings.storeFlushTimeout());
            LOG.info(left == 0 ? "store: everything accepted is written"
                    : "store: " + left + " records still unwritten after " + settings.storeFlushTimeout().toSeconds()
                    + " s");
        }
    }

    @PreDestroy
    void stop() {
        if (buffer != null) {
            buffer.stop(Duration.ofSeconds(2));
        }
        if (database != null) {
            database.close();
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T apply(StoreReader reader) throws SQLException;
    }

    private <T> T read(Read<T> query) {
        StoreReader r = reader;
        if (r == null) {
            throw new StoreUnavailable(buffer == null ? "nothing is stored (DATABASE_URL=none)"
                    : "the database is not ready", null);
        }
        try {
            return query.apply(r);
        } catch (SQLException e) {
            throw new StoreUnavailable("the database did not answer: " + e.getMessage(), e);
        }
    }

    /** The container's managed thread factory where there is one (the WAR), a plain one standalone. */
    private static ThreadFactory threadFactory() {
        try {
            return (ThreadFactory) new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
        } catch (Exception | NoClassDefFoundError e) {
            return Executors.defaultThreadFactory();
        }
    }

    private static String nodeName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
