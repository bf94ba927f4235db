package io.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.switchboard.config.ConfigException;
import io.switchboard.config.DatabaseUrl;
import io.switchboard.config.Settings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * Where Switchboard stores (docs/persistence.md): {@code DATABASE_URL} through a HikariCP pool; else the JNDI
 * DataSource named by {@code SWITCHBOARD_DATASOURCE} or, in a container, {@code java:comp/DefaultDataSource};
 * else (standalone) an embedded H2 file under {@code ./data}. {@code DATABASE_URL=none} stores nothing.
 * The schema is brought up to date by Flyway before the first write.
 */
final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    static final String DEFAULT_JNDI = "java:comp/DefaultDataSource";
    static final String DEFAULT_H2 = "jdbc:h2:file:./data/switchboard";
    static final String MIGRATIONS = "classpath:db/switchboard";

    private final DataSource dataSource;
    private final HikariDataSource pool;
    private final String description;
    private volatile Dialect dialect;

    private Database(DataSource dataSource, HikariDataSource pool, String description) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.description = description;
    }

    /** The configured database, or empty for {@code DATABASE_URL=none}. Throws ConfigException when misconfigured. */
    static Optional<Database> open(Settings settings) {
        if (settings.databaseUrl().isPresent()) {
            DatabaseUrl url = DatabaseUrl.parse(settings.databaseUrl().get());
            return url.isNone() ? Optional.empty() : Optional.of(pooled(url));
        }
        if (settings.dataSourceName().isPresent()) {
            String name = settings.dataSourceName().get();
            return Optional.of(jndi(name).orElseThrow(() -> new ConfigException(Settings.DATASOURCE,
                    "no DataSource named '" + name + "' in JNDI")));
        }
        Optional<Database> container = jndi(DEFAULT_JNDI);
        if (container.isPresent()) {
            return container;
        }
        LOG.info("no DATABASE_URL and no container DataSource: storing into " + Path.of("data").toAbsolutePath()
                + " (embedded H2)");
        return Optional.of(pooled(DatabaseUrl.parse(DEFAULT_H2)));
    }

    private static Database pooled(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard");
        String jdbcUrl = embeddedH2WritesAtCommit(url.jdbcUrl().orElseThrow());
        config.setJdbcUrl(jdbcUrl);
        // Named, Hikari loads the driver with our class loader; asked by URL, it goes through DriverManager, which
        // inside Payara does not see the drivers bundled in the WAR ("Failed to get driver instance").
        driverFor(jdbcUrl, Database.class.getClassLoader()).ifPresent(config::setDriverClassName);
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        // A handful is plenty: one writer thread plus admin reads. Start even when the database is down (the
        // write-behind buffer retries), and give up on a connection quickly so that retries stay regular.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        // A connection that failed because the database went away is discarded, whatever SQL state the driver
        // gives it (H2's client reports 90067, not 08xxx), so that retries get a fresh one.
        config.setExceptionOverride(new EvictOnConnectionLoss());
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new Database(pool, pool, url.toString());
        } catch (RuntimeException e) {
            throw new ConfigException(Settings.DATABASE_URL, "cannot use " + url + ": " + e.getMessage());
        }
    }

    /**
     * An embedded H2 file keeps a commit in memory for up to 500 ms (its WRITE_DELAY) before writing it to the
     * file, so a kill -9 lost rows the writer had already committed and counted as written (StoreKillTest). With
     * {@code WRITE_DELAY=0} each commit (a batch of up to 500 rows) reaches the file before it returns. A URL that
     * sets WRITE_DELAY itself, and H2 over TCP or in memory, are left as they are.
     */
    static String embeddedH2WritesAtCommit(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        boolean embeddedFile = lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
        return embeddedFile && !lower.contains("write_delay") ? jdbcUrl + ";WRITE_DELAY=0" : jdbcUrl;
    }

    /** The class of the first JDBC driver {@code loader} provides that takes {@code jdbcUrl}; empty if none does. */
    static Optional<String> driverFor(String jdbcUrl, ClassLoader loader) {
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            try {
                if (!drivers.hasNext()) {
                    return Optional.empty();
                }
                Driver driver = drivers.next();
                if (driver.acceptsURL(jdbcUrl)) {
                    return Optional.of(driver.getClass().getName());
                }
            } catch (ServiceConfigurationError | SQLException e) {
                // A driver that cannot be loaded or cannot judge the URL: the next one may take it.
                LOG.fine("skipping a JDBC driver for " + jdbcUrl + ": " + e);
            }
        }
    }

    private static Optional<Database> jndi(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            return found instanceof DataSource ds ? Optional.of(new Database(ds, null, "JNDI " + name))
                    : Optional.empty();
        } catch (NamingException | RuntimeException | NoClassDefFoundError e) {
            LOG.fine("no JNDI DataSource " + name + ": " + e);
            return Optional.empty();
        }
    }

    /** Brings the schema up to date (idempotent) and learns the dialect. Throws while the database is unreachable. */
    Dialect migrate() throws SQLException {
        Dialect d;
        try (Connection c = dataSource.getConnection()) {
            d = Dialect.of(c.getMetaData().getDatabaseProductName());
        }
        MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .placeholders(d.placeholders())
                .table("switchboard_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("database schema: applied " + result.migrationsExecuted + " migration(s), now at version "
                    + result.targetSchemaVersion);
        }
        dialect = d;
        return d;
    }

    /** Hikari's hook for "is this connection still any good after that exception?". */
    private static final class EvictOnConnectionLoss implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return WriteBehind.isConnectionLoss(e) ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Known once {@link #migrate()} has succeeded. */
    Dialect dialect() {
        return dialect;
    }

    String description() {
        return description;
    }

    void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
