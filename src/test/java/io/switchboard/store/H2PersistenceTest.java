package io.switchboard.store;

import io.switchboard.testing.TempFiles;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** {@link PersistenceScenarios} on H2, served over TCP by the test so that the proxy can cut it off. */
class H2PersistenceTest extends PersistenceScenarios {
    private static Path dir;
    private static Server h2;

    @BeforeAll
    static void startH2() throws Exception {
        dir = Files.createTempDirectory("switchboard-h2-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        h2 = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }

    @AfterAll
    static void stopH2() throws Exception {
        if (h2 != null) {
            h2.stop();
        }
        TempFiles.deleteRecursively(dir);
    }

    @Override
    protected void requireDatabase() {
        // embedded: always there
    }

    @Override
    protected String databaseHost() {
        return "127.0.0.1";
    }

    @Override
    protected int databasePort() {
        return h2.getPort();
    }

    @Override
    protected String roomActivityQuery() {
        return SEED_ROOM_ACTIVITY.replace("DATE_SUB(NOW(), INTERVAL 1 HOUR)", "DATEADD(HOUR, -1, CURRENT_TIMESTAMP)");
    }

    @Override
    protected FreshDatabase createDatabase(int proxyPort) {
        String name = "db_" + UUID.randomUUID().toString().replace("-", "");
        return new FreshDatabase("jdbc:h2:tcp://127.0.0.1:" + proxyPort + "/" + name,
                "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/" + name, "", "", () -> { });
    }
}
