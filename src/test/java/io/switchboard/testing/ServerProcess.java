package io.switchboard.testing;

import io.switchboard.config.Settings;
import io.switchboard.standalone.Main;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One standalone server run as a process of its own (the test classpath's {@link Main}, as {@link ClusterExtension}
 * launches its nodes), for tests that kill it: {@link #kill()} is {@code kill -9}. Its output goes to a log file the
 * test can read. Limits are off (the fault tests send streams from 127.0.0.1); the environment given adds to that.
 */
public final class ServerProcess implements ServerTarget, AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private final ClusterNode node;
    private final Path log;

    private ServerProcess(ClusterNode node, Path log) {
        this.node = node;
        this.log = log;
    }

    /** Starts a server and waits until it listens; {@code heap} as for {@code -Xmx} (e.g. {@code 256m}). */
    public static ServerProcess start(String id, Map<String, String> env, Path logFile, String heap)
            throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put(Settings.HOST, "127.0.0.1");
        all.put(Settings.PORT, "0");
        all.put(Settings.JWT_SECRET, SECRET);
        all.put(Settings.HANDSHAKE_RATE, "off");
        all.put(Settings.RATE_LIMIT, "off");
        all.putAll(env);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        Files.createDirectories(logFile.getParent());
        ClusterNode node = ClusterNode.launch(id, command, all, logFile);
        try {
            node.awaitListening(System.nanoTime() + START_LIMIT.toNanos());
        } catch (RuntimeException e) {
            ClusterNode.cleanUpAfter(e, () -> node.kill(Duration.ofSeconds(10)));
            throw e;
        }
        return new ServerProcess(node, logFile);
    }

    @Override
    public URI base() {
        return node.base();
    }

    public int port() {
        return node.port();
    }

    public boolean isAlive() {
        return node.isAlive();
    }

    /** {@code kill -9}; returns once the process has ended. */
    public void kill() {
        node.kill(Duration.ofSeconds(10));
    }

    /** SIGTERM (an orderly shutdown), SIGKILL if it has not ended after {@code grace}. */
    public void stop(Duration grace) {
        node.stop(grace, Duration.ofSeconds(10));
    }

    /** The whole log so far (every run appended to the same file). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    public Path logFile() {
        return log;
    }

    /** The last lines, for failure messages. */
    public String tail() {
        return node.tail();
    }

    @Override
    public void close() {
        if (node.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }
}
