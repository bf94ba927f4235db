package io.switchboard.store;

import io.switchboard.config.DatabaseUrl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JDBC driver named to the pool for a DATABASE_URL: found among the drivers our own class loader provides, so
 * that a container's DriverManager (Payara's does not see the WAR's drivers) is never asked.
 */
class DatabaseDriverTest {
    private static final ClassLoader OURS = Database.class.getClassLoader();

    private static Optional<String> driverFor(String databaseUrl) {
        return Database.driverFor(DatabaseUrl.parse(databaseUrl).jdbcUrl().orElseThrow(), OURS);
    }

    @Test
    void postgresqlUrlsInBothFormsGetThePostgresqlDriver() {
        assertEquals(Optional.of("org.postgresql.Driver"), driverFor("postgresql://user:pw@db:5432/hub"));
        assertEquals(Optional.of("org.postgresql.Driver"), driverFor("jdbc:postgresql://db/hub?user=x"));
    }

    @Test
    void mariadbAndMysqlUrlsGetTheMariadbDriver() {
        assertEquals(Optional.of("org.mariadb.jdbc.Driver"), driverFor("mariadb://user@db/hub"));
        assertEquals(Optional.of("org.mariadb.jdbc.Driver"), driverFor("jdbc:mysql://db:3306/hub"));
    }

    @Test
    void h2UrlsGetTheH2Driver() {
        assertEquals(Optional.of("org.h2.Driver"), driverFor(Database.DEFAULT_H2));
        assertEquals(Optional.of("org.h2.Driver"), driverFor("jdbc:h2:tcp://127.0.0.1:9092/mem:hub"));
    }

    @Test
    void noDriverTakingTheUrlLeavesTheChoiceToThePool() throws IOException {
        assertEquals(Optional.empty(), driverFor("jdbc:nosuchdb://db/hub"));
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertEquals(Optional.empty(), Database.driverFor("jdbc:postgresql://db/hub", bare));
        }
    }

    @Test
    void anEmbeddedH2FileWritesEachCommitToTheFileButOtherH2UrlsAreLeftAlone() {
        assertEquals(Database.DEFAULT_H2 + ";WRITE_DELAY=0", Database.embeddedH2WritesAtCommit(Database.DEFAULT_H2));
        assertEquals("jdbc:h2:/var/lib/sb/db;WRITE_DELAY=0", Database.embeddedH2WritesAtCommit("jdbc:h2:/var/lib/sb/db"));
        for (String kept : new String[] {"jdbc:h2:file:./x;write_delay=200", "jdbc:h2:mem:hub",
                "jdbc:h2:tcp://127.0.0.1:9092/hub", "jdbc:postgresql://db/hub"}) {
            assertEquals(kept, Database.embeddedH2WritesAtCommit(kept));
        }
    }
}
