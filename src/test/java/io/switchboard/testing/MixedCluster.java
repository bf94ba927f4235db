package io.switchboard.testing;

import io.switchboard.config.Settings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A mixed cluster for one test class (docs/cluster.md): the standalone jar, the WAR in WildFly and the WAR in
 * Payara Micro, three processes started here (not through Arquillian), on the machine's Redis under a cluster name
 * of their own and sharing one fresh PostgreSQL database. Everything is configured the same way, by environment
 * variables. The artifacts come from system properties set by {@code -Pmixed} (pom.xml). Logs:
 * {@code target/cluster-logs/<test class>/<node>.log}; work directories under {@code target/mixed-cluster/}.
 */
public final class MixedCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** WildFly's ports are its defaults plus this offset (HTTP 19280): clear of -Pwildfly's 11000 and 11100. */
    static final int WILDFLY_PORT_OFFSET = 11200;
    /**
     * Started together on two shared cores, WildFly took 22–51 s to deploy and Payara Micro 25–62 s (the higher
     * figures with the machine's load average near 20): twice that is allowed.
     */
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);
    /** C1 only and the serial collector: three servers and the tests share two cores, and start-up dominates. */
    private static final List<String> SMALL_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final Random RANDOM = new Random();
    private final String clusterName = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<TargetRuntime, ClusterNode> nodes = new EnumMap<>(TargetRuntime.class);
    private final Path work = Path.of("target", "mixed-cluster");
    private ClusterDatabase database;
    private Path logDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RequiredService.tcp("PostgreSQL", ClusterDatabase.HOST, ClusterDatabase.PORT);
        RequiredService.tcp("Redis", ClusterExtension.REDIS_HOST, ClusterExtension.REDIS_PORT);
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    /** Creates the database and starts the three nodes together; on any failure, nothing is left running. */
    public void start(String name) throws IOException, SQLException {
        try {
            database = ClusterDatabase.create();
            logDir = Files.createDirectories(Path.of("target", "cluster-logs", name));
            TempFiles.deleteRecursively(work);
            Files.createDirectories(work);
            for (TargetRuntime runtime : TargetRuntime.values()) {
                Files.deleteIfExists(logFile(runtime));
                nodes.put(runtime, launch(runtime));
            }
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            for (ClusterNode node : nodes.values()) {
                node.awaitHealthy(deadline);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            ClusterNode.cleanUpAfter(e, this::close);
            throw e;
        }
    }

    /** Stops the three (SIGTERM, SIGKILL after the grace) and drops the database. Idempotent. */
    @Override
    public void close() throws SQLException {
        ClusterDatabase.dropAfter(database, () -> ClusterNode.stopAll(List.copyOf(nodes.values()), STOP_GRACE,
                KILL_LIMIT));
        database = null;
    }

    private ClusterNode launch(TargetRuntime runtime) throws IOException {
        Map<String, String> env = environment(runtime);
        return switch (runtime) {
            case STANDALONE -> {
                int port = freePort();
                env.put(Settings.HOST, "127.0.0.1");
                env.put(Settings.PORT, String.valueOf(port));
                List<String> command = java("-Xmx256m", "-jar", artifact("switchboard.standalone.jar"));
                yield ClusterNode.launch(nodeId(runtime), command, env, logFile(runtime),
                        URI.create("http://127.0.0.1:" + port + "/"));
            }
            case WILDFLY -> {
                int port = 8080 + WILDFLY_PORT_OFFSET;
                requireFree(port, "WildFly's HTTP port (offset " + WILDFLY_PORT_OFFSET + ")");
                // standalone.sh relays SIGTERM to the server only when it runs it in the background.
                env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
                env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m " + String.join(" ", SMALL_JVM));
                Path home = Path.of(artifact("wildfly.home"));
                yield ClusterNode.launch(nodeId(runtime), List.of(home.resolve("bin/standalone.sh").toString(),
                                "-Djboss.server.base.dir=" + wildflyBase(home).toAbsolutePath(),
                                "-Djboss.socket.binding.port-offset=" + WILDFLY_PORT_OFFSET),
                        env, logFile(runtime), URI.create("http://127.0.0.1:" + port + "/switchboard/"));
            }
            case PAYARA -> {
                int port = freePort();
                Path tmp = Files.createDirectories(work.resolve("payara").toAbsolutePath());
                // --nocluster: no Hazelcast looking for peers; the cluster is Switchboard's own, over Redis.
                yield ClusterNode.launch(nodeId(runtime), java("-Xmx512m", "-Djava.io.tmpdir=" + tmp,
                                "-jar", artifact("payara.micro.jar"), "--nocluster", "--port", String.valueOf(port),
                                "--deploy", artifact("switchboard.war")),
                        env, logFile(runtime), URI.create("http://127.0.0.1:" + port + "/switchboard/"));
            }
        };
    }

    private static List<String> java(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Stream.of(Stream.of(java), SMALL_JVM.stream(), Stream.of(args)).flatMap(s -> s).toList();
    }

    /** A server base of its own: a copy of the distribution's configuration, the WAR in its deployments. */
    private Path wildflyBase(Path home) throws IOException {
        Path base = work.resolve("wildfly");
        Path configuration = home.resolve("standalone/configuration");
        try (Stream<Path> files = Files.walk(configuration)) {
            for (Path from : files.toList()) {
                Path to = base.resolve("configuration").resolve(configuration.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Files.copy(Path.of(artifact("switchboard.war")),
                Files.createDirectories(base.resolve("deployments")).resolve("switchboard.war"));
        return base;
    }

    private Map<String, String> environment(TargetRuntime runtime) {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.JWT_SECRET, ServerTarget.SECRET);
        env.put(Settings.DATABASE_URL, database.url());
        env.put(Settings.REDIS_URL, "redis://" + ClusterExtension.REDIS_HOST + ":" + ClusterExtension.REDIS_PORT);
        env.put(Settings.CLUSTER, clusterName);
        env.put(Settings.NODE_ID, nodeId(runtime));
        return env;
    }

    /** A file the build made (system property set by -Pmixed); missing: a clear failure, not a hung start. */
    private static String artifact(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.exists(Path.of(path))) {
            throw new IllegalStateException("system property " + property + " names no file (" + path
                    + "): run with `mvn verify -Pmixed`, which builds and fetches what the mixed cluster needs");
        }
        return path;
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up): a port the kernel just handed out and took back
     * may be some client's source port again by the time a slow server binds it (Payara Micro: "Address already in
     * use", seen under load).
     */
    private static int freePort() {
        for (int tried = 0; tried < 100; tried++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket s = new ServerSocket(port)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + port + " is taken: is another WildFly still running?", e);
        }
    }

    /** The node of this runtime. */
    public ServerTarget node(TargetRuntime runtime) {
        return () -> nodes.get(runtime).base();
    }

    /** Its {@code SWITCHBOARD_NODE_ID}: {@code standalone}, {@code wildfly}, {@code payara}. */
    public String nodeId(TargetRuntime runtime) {
        return runtime.name().toLowerCase(Locale.ROOT);
    }

    public Path logFile(TargetRuntime runtime) {
        return logDir.resolve(nodeId(runtime) + ".log");
    }

    public String clusterName() {
        return clusterName;
    }
}
