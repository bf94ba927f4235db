package io.switchboard.testing;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.standalone.StandaloneServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the standalone server on a free port for one test class and stops it afterwards. One server at a
 * time per JVM (CDI lookups from the Configurator need a single container), which Surefire's one-class-at-a-time
 * run gives us.
 */
public final class StandaloneServerExtension implements BeforeAllCallback, AfterAllCallback, ServerTarget {
    private final Map<String, String> config = new HashMap<>();
    private StandaloneServer server;
    private Path dataDir;

    private StandaloneServerExtension(Map<String, String> overrides) {
        config.put(Settings.HOST, "127.0.0.1");
        config.put(Settings.PORT, "0");
        config.put(Settings.JWT_SECRET, SECRET);
        config.putAll(overrides);
    }

    public static StandaloneServerExtension withDefaults() {
        return new StandaloneServerExtension(Map.of());
    }

    public static StandaloneServerExtension with(Map<String, String> overrides) {
        return new StandaloneServerExtension(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!config.containsKey(Settings.DATABASE_URL)) {
            // Never ./data of the working directory: each server gets an H2 file of its own, removed afterwards.
            dataDir = Files.createTempDirectory("switchboard-test-");
            config.put(Settings.DATABASE_URL, "jdbc:h2:file:" + dataDir.resolve("switchboard"));
        }
        server = new StandaloneServer(Settings.load(ConfigSource.of(config)));
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.stop();
        }
        if (dataDir != null) {
            TempFiles.deleteRecursively(dataDir);
        }
    }

    public StandaloneServer server() {
        return server;
    }

    @Override
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }
}
