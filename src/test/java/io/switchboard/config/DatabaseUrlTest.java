package io.switchboard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATABASE_URL forms (docs/persistence.md) and the start-up error for a bad one. */
class DatabaseUrlTest {

    @Test
    void jdbcUrlsAreTakenAsTheyAre() {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://db:5432/app?user=x&password=y");
        assertEquals(Optional.of("jdbc:postgresql://db:5432/app?user=x&password=y"), u.jdbcUrl());
        assertEquals(Optional.empty(), u.user());
        assertEquals(Optional.of("jdbc:h2:file:./data/switchboard"),
                DatabaseUrl.parse("jdbc:h2:file:./data/switchboard").jdbcUrl());
    }

    @Test
    void jdbcMysqlIsServedByTheMariaDbDriver() {
        assertEquals(Optional.of("jdbc:mariadb://db:3306/app"), DatabaseUrl.parse("jdbc:mysql://db:3306/app").jdbcUrl());
    }

    @Test
    void thePostgresqlFormOfSeed003BecomesAJdbcUrlWithUserAndPassword() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://user:p%40ss@db.example:6543/hub?sslmode=require");
        assertEquals(Optional.of("jdbc:postgresql://db.example:6543/hub?sslmode=require"), u.jdbcUrl());
        assertEquals(Optional.of("user"), u.user());
        assertEquals(Optional.of("p@ss"), u.password());
        assertEquals(Optional.of("jdbc:postgresql://db/hub"), DatabaseUrl.parse("postgres://db/hub").jdbcUrl());
    }

    @Test
    void mysqlAndMariadbForms() {
        DatabaseUrl u = DatabaseUrl.parse("mysql://websocketdata:yourpassword@localhost:3306/websocketdata");
        assertEquals(Optional.of("jdbc:mariadb://localhost:3306/websocketdata"), u.jdbcUrl());
        assertEquals(Optional.of("websocketdata"), u.user());
        assertEquals(Optional.of("yourpassword"), u.password());
        assertEquals(Optional.of("jdbc:mariadb://h/d"), DatabaseUrl.parse("mariadb://root@h/d").jdbcUrl());
        assertEquals(Optional.empty(), DatabaseUrl.parse("mariadb://root@h/d").password());
    }

    @Test
    void noneTurnsStoringOff() {
        assertTrue(DatabaseUrl.parse("none").isNone());
        assertFalse(DatabaseUrl.parse("jdbc:h2:mem:x").isNone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:5432/db", "http://db/x", "postgresql://db", "postgresql:///db", "jdbc:",
            "mysql://user:pass@/db"})
    void anythingElseStopsStartUpNamingTheVariable(String bad) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.load(ConfigSource.of(Map.of(Settings.DATABASE_URL, bad))));
        assertTrue(e.getMessage().contains(Settings.DATABASE_URL), e.getMessage());
    }

    @Test
    void passwordsNeverShowInMessages() {
        assertEquals("postgresql://u:***@db/x", DatabaseUrl.redact("postgresql://u:secret@db/x"));
        assertEquals("jdbc:postgresql://db/x?user=u&password=***",
                DatabaseUrl.redact("jdbc:postgresql://db/x?user=u&password=secret"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> DatabaseUrl.parse("ftp://u:secret@db/x"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void storeSettingsAreValidated() {
        assertThrows(ConfigException.class, () -> Settings.load(ConfigSource.of(Map.of(Settings.STORE_BUFFER, "10"))));
        assertThrows(ConfigException.class,
                () -> Settings.load(ConfigSource.of(Map.of(Settings.STORE_FLUSH_TIMEOUT, "soon"))));
        Settings s = Settings.load(ConfigSource.of(Map.of()));
        assertEquals(100_000, s.storeBuffer());
        assertEquals(java.time.Duration.ofSeconds(10), s.storeFlushTimeout());
    }
}
