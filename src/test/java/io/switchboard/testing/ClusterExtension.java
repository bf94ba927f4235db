package io.switchboard.testing;

import io.switchboard.config.Settings;
import io.switchboard.standalone.Main;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A cluster of standalone nodes for one test class, each a process of its own on a free port, all on the
 * machine's Redis (unless the test gives them another) under a cluster name of their own and sharing one fresh
 * PostgreSQL database. As a {@link ServerTarget}, {@link #base()} takes the next running node each time, so the
 * successive clients and admin calls of a shared scenario land on different nodes. Faults: {@link #kill},
 * {@link #stop}, {@link #restart}. Logs: {@code target/cluster-logs/<test class>/node-<i>.log}.
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, ServerTarget, AutoCloseable {
    public static final String REDIS_HOST = "127.0.0.1";
    public static final int REDIS_PORT = 6379;
    // The cluster engine's settings (SPEC §13); Settings does not name them yet.
    static final String NODE_ID = "SWITCHBOARD_NODE_ID";
    static final String CLUSTER = "SWITCHBOARD_CLUSTER";
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    private final int size;
    private final Map<String, String> overrides;
    /** Node i's own variables, set after {@link #overrides} (a node reaching Redis through a proxy, say). */
    private final IntFunction<Map<String, String>> perNode;
    /** Every Redis key and channel of the cluster carries it: clusters of other test classes never meet. */
    private final String clusterName = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicReferenceArray<ClusterNode> nodes;
    private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    private ClusterDatabase database;
    private Path logDir;

    private ClusterExtension(int size, Map<String, String> overrides, IntFunction<Map<String, String>> perNode) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs a node, got " + size);
        }
        this.size = size;
        this.overrides = Map.copyOf(overrides);
        this.perNode = perNode;
        this.nodes = new AtomicReferenceArray<>(size);
    }

    public static ClusterExtension withDefaults() {
        return with(Map.of());
    }

    /** Three nodes, with these variables set on each (after the harness's own, so they win). */
    public static ClusterExtension with(Map<String, String> env) {
        return with(3, env);
    }

    public static ClusterExtension with(int nodes, Map<String, String> env) {
        return with(nodes, env, i -> Map.of());
    }

    /**
     * {@code perNode.apply(i)}: node i's own variables, set last. A test that gives every node its own REDIS_URL
     * brings its Redis with it: the machine's is then not required.
     */
    public static ClusterExtension with(int nodes, Map<String, String> env, IntFunction<Map<String, String>> perNode) {
        return new ClusterExtension(nodes, env, perNode);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RequiredService.tcp("PostgreSQL", ClusterDatabase.HOST, ClusterDatabase.PORT);
        if (!bringsItsOwnRedis()) {
            RequiredService.tcp("Redis", REDIS_HOST, REDIS_PORT);
        }
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    private boolean bringsItsOwnRedis() {
        return IntStream.range(0, size).allMatch(i -> overrides.containsKey(Settings.REDIS_URL)
                || perNode.apply(i).containsKey(Settings.REDIS_URL));
    }

    /** Creates the database and starts every node in parallel; on any failure, nothing is left running. */
    public void start(String name) throws IOException, SQLException {
        try {
            database = ClusterDatabase.create();
            logDir = Files.createDirectories(Path.of("target", "cluster-logs", name));
            for (int i = 0; i < size; i++) {
                Files.deleteIfExists(logFile(i));
                launch(i);
            }
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            for (int i = 0; i < size; i++) {
                nodes.get(i).awaitListening(deadline);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            ClusterNode.cleanUpAfter(e, this::close);
            throw e;
        }
    }

    /** Stops every node (SIGTERM to all at once, SIGKILL after the grace) and drops the database. Idempotent. */
    @Override
    public void close() throws SQLException {
        List<ClusterNode> all = IntStream.range(0, size).mapToObj(nodes::get).filter(Objects::nonNull).toList();
        ClusterDatabase.dropAfter(database, () -> ClusterNode.stopAll(all, STOP_GRACE, KILL_LIMIT));
        database = null;
    }

    private void launch(int i) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Two cores are shared by every node and the tests: keep each JVM small. C1 only starts a node
                // in about half the time (3 nodes: ~3.7 s instead of ~7 s here) and is fast enough for tests.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        ClusterNode node = ClusterNode.launch(nodeId(i), command, environment(i), logFile(i));
        nodes.set(i, node);
        started.add(node.handle());
    }

    private Map<String, String> environment(int i) {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.HOST, "127.0.0.1");
        env.put(Settings.PORT, "0");
        env.put(Settings.JWT_SECRET, SECRET);
        env.put(Settings.DATABASE_URL, database.url());
        env.put(Settings.REDIS_URL, "redis://" + REDIS_HOST + ":" + REDIS_PORT);
        env.put(NODE_ID, nodeId(i));
        env.put(CLUSTER, clusterName);
        // The cluster tests open crowds from 127.0.0.1 and send streams as fast as they can (RedisOutage, loads):
        // the per-address and per-connection limits are off here; the per-user limit keeps its default (its own
        // cluster test spreads one user over the nodes). A test may set them again.
        env.put(Settings.HANDSHAKE_RATE, "off");
        env.put(Settings.RATE_LIMIT, "off");
        env.putAll(overrides);
        env.putAll(perNode.apply(i));
        return env;
    }

    /** The next running node, round-robin: consecutive calls land on different nodes. */
    @Override
    public URI base() {
        for (int tried = 0; tried < size; tried++) {
            ClusterNode n = nodes.get(Math.floorMod(turn.getAndIncrement(), size));
            if (n != null && n.isAlive()) {
                return n.base();
            }
        }
        throw new IllegalStateException("no node of cluster " + clusterName + " is running");
    }

    /** Node {@code i} only; after {@link #restart} it follows the new process. */
    public ServerTarget node(int i) {
        checkIndex(i);
        return () -> nodes.get(i).base();
    }

    public int size() {
        return size;
    }

    public String nodeId(int i) {
        return "node-" + checkIndex(i);
    }

    public String clusterName() {
        return clusterName;
    }

    public Path logFile(int i) {
        return logDir.resolve(nodeId(i) + ".log");
    }

    /** Node {@code i}'s current process. */
    public ProcessHandle process(int i) {
        return nodes.get(checkIndex(i)).handle();
    }

    /** Every process this cluster has started, killed and restarted ones included. */
    public List<ProcessHandle> processes() {
        return List.copyOf(started);
    }

    /** {@code kill -9}: no goodbye to Redis or to clients; returns once the process has ended. */
    public void kill(int i) {
        nodes.get(checkIndex(i)).kill(KILL_LIMIT);
    }

    /** An orderly stop (SIGTERM); returns once the process has ended. */
    public void stop(int i) {
        nodes.get(checkIndex(i)).stop(STOP_GRACE, KILL_LIMIT);
    }

    /** Starts node {@code i} again, same id and environment, on a new port; stops it first if it runs. */
    public void restart(int i) throws IOException {
        if (nodes.get(checkIndex(i)).isAlive()) {
            stop(i);
        }
        launch(i);
        nodes.get(i).awaitListening(System.nanoTime() + START_LIMIT.toNanos());
    }

    /** Restarts every node that is not running: a fault test leaves the cluster whole for the next one. */
    public void restartStopped() throws IOException {
        for (int i = 0; i < size; i++) {
            if (!nodes.get(i).isAlive()) {
                restart(i);
            }
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("node " + i + " of a " + size + "-node cluster");
        }
        return i;
    }
}
